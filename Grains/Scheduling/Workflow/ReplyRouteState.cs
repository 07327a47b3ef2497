namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>The open offers sent to one phone.</summary>
public sealed record ReplyRouteState
{
    /// <summary>Offer ids, oldest first.</summary>
    public IReadOnlyList<string> OfferIds { get; init; } = [];
}
