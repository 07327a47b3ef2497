using System.Collections.Concurrent;

namespace Reroute.Runtime.Tests.Grains;

public sealed class ClusterProbeGrain : Grain, IClusterProbeGrain
{
    private int _calls;

    /// <summary>How often <see cref="Unanswerable"/> ran, by grain key (across activations and silos of this process).</summary>
    public static ConcurrentDictionary<string, int> UnanswerableRuns { get; } = new();

    public Task<int> Touch() => Task.FromResult(++_calls);

    public Task<ProbeCycle> Unanswerable()
    {
        UnanswerableRuns.AddOrUpdate(GetPrimaryKeyString(), 1, static (_, n) => n + 1);
        var cycle = new ProbeCycle();
        cycle.Next = cycle;
        return Task.FromResult(cycle);
    }
}
