using Reroute.Interfaces.Scheduling;

namespace Reroute.Silo.Api;

/// <summary>The body of <c>POST /api/workflow/trigger</c>.</summary>
internal sealed record TriggerRequest
{
    /// <summary>The only trigger type so far.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    public required string Type { get; init; }

    public required string ProviderId { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    public string Reason { get; init; } = "unavailable";

    public TriggerSource Source { get; init; } = TriggerSource.Admin;
}
