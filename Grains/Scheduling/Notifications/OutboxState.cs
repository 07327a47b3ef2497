using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>What an outbox grain stores: every message of the tenant, oldest first.</summary>
public sealed record OutboxState
{
    /// <summary>The messages in the order they were enqueued.</summary>
    public IReadOnlyList<OutboundMessage> Messages { get; init; } = [];
}
