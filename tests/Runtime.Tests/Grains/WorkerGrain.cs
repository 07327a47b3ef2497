namespace Reroute.Runtime.Tests.Grains;

/// <summary>A stateless worker with up to four local activations; counts how many run at once across them.</summary>
[StatelessWorker(4)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private static int s_running;

    public async Task<int> Pass(string gate)
    {
        var running = Interlocked.Increment(ref s_running);
        Signals.Set($"{gate}:running:{running}");
        await Signals.Wait(gate);
        Interlocked.Decrement(ref s_running);
        return running;
    }
}
