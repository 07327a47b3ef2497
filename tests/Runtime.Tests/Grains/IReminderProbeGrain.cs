namespace Reroute.Runtime.Tests.Grains;

/// <summary>A grain that records which silo fired each of its reminder ticks.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan due, TimeSpan period);

    [ReadOnly]
    Task<IReadOnlyList<string>> Firings();
}
