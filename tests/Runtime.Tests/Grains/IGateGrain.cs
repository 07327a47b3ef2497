namespace Reroute.Runtime.Tests.Grains;

public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Counts itself in, waits for the gate <paramref name="gate"/>, counts itself out.</summary>
    Task<int> Pass(string gate);

    /// <summary>How many Pass calls have started; interleaves with everything.</summary>
    [AlwaysInterleave]
    Task<int> Started();
}
