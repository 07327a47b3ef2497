namespace Reroute.Runtime.Hosting;

/// <summary>Reads the runtime's counts.</summary>
public interface IGrainRuntimeStatistics
{
    /// <summary>A snapshot of the counts now.</summary>
    GrainRuntimeStatistics Snapshot();
}
