namespace Reroute.Runtime.Tests.Grains;

/// <summary>A grain for cluster tests: counts its calls, and has a method whose answer cannot be sent back.</summary>
public interface IClusterProbeGrain : IGrainWithStringKey
{
    /// <summary>Counts the call and returns how many this activation has had.</summary>
    Task<int> Touch();

    /// <summary>Runs (and counts the run) but returns an object graph with a cycle, which cannot be serialized.</summary>
    Task<ProbeCycle> Unanswerable();
}
