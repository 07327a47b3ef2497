using Reroute.Runtime.Core;

namespace Reroute.Runtime.Hosting;

internal sealed class GrainRuntimeStatisticsSource(GrainRuntime runtime, string storageProvider) : IGrainRuntimeStatistics
{
    public GrainRuntimeStatistics Snapshot()
        => new(runtime.Catalog.Activations().Count(), runtime.Timeouts.Count, runtime.Reminders.Count, storageProvider);
}
