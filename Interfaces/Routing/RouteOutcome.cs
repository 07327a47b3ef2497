namespace Reroute.Interfaces.Routing;

/// <summary>How a routed request went on the node that served it, as the caller or the executor reports it.</summary>
public sealed record RouteOutcome
{
    /// <summary>The request.</summary>
    public required string RequestId { get; init; }

    /// <summary>The node that served (or failed to serve) it.</summary>
    public required string NodeId { get; init; }

    /// <summary>Whether the node answered correctly.</summary>
    public bool Succeeded { get; init; }

    /// <summary>Observed end-to-end latency, in milliseconds.</summary>
    public double LatencyMs { get; init; }
}
