using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>A tenant-day's stored decisions, oldest first.</summary>
public sealed class DecisionLogState
{
    /// <summary>The decisions, oldest first.</summary>
    public List<DecisionRecord> Records { get; set; } = [];
}
