namespace Reroute.Runtime.Tests.Grains;

public interface IStatefulGrain : IGrainWithStringKey
{
    Task Set(string value, bool write);

    Task<string?> Get();

    /// <summary>Sets and writes <paramref name="value"/>; a write refused as stale is caught here and reported as false.</summary>
    Task<bool> TrySet(string value);

    /// <summary>Asks the grain <paramref name="otherKey"/> to set and write <paramref name="value"/>; its errors come back through this one.</summary>
    Task SetThrough(string otherKey, string value);

    /// <summary>Holds the turn until the test releases <c>gate:{key}</c>, then sets the value in memory only.</summary>
    Task SetAfterGate(string value);

    Task RegisterReminder(TimeSpan due, TimeSpan period);

    Task StartTimer(TimeSpan period);

    Task<int> TimerTicks();

    Task Deactivate();

    Task Fail(string message);
}
