namespace Reroute.Runtime;

/// <summary>A timer that lives with one activation. Dispose to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer next ticks and its period.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
