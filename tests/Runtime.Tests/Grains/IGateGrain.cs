namespace Reroute.Runtime.Tests.Grains;

public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Counts itself in, waits for the gate <paramref name="gate"/>, counts itself out.</summary>
    Task<int> Pass(string gate);

    /// <summary>A read-only pass: read-only calls interleave with each other, not with <see cref="Pass"/>.</summary>
    [ReadOnly]
    Task<int> Peek(string gate);

    /// <summary>How many Pass and Peek calls have started; interleaves with everything.</summary>
    [AlwaysInterleave]
    Task<int> Started();
}
