namespace Reroute.Runtime.Tests.Grains;

public interface IContextGrain : IGrainWithStringKey
{
    /// <summary>Returns the correlation id and tenant seen by <paramref name="next"/> when this grain calls it.</summary>
    Task<string> ThroughTo(string next);

    Task<string> Seen();
}
