using Reroute.Interfaces.Scheduling;

namespace Reroute.Silo.Api;

/// <summary>The body of <c>POST /api/escalations/{id}</c>: a head of department's decision.</summary>
internal sealed record ResolveRequest
{
    public required EscalationAction Action { get; init; }

    public string? ProviderId { get; init; }

    public string Note { get; init; } = string.Empty;
}
