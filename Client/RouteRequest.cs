using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Client;

/// <summary>An inference request to route. The tenant is not part of it: the silo takes it from the caller's token.</summary>
public record RouteRequest
{
    /// <summary>The caller's id for the request, echoed in the decision and used to report its outcome.</summary>
    public required string RequestId { get; init; }

    /// <summary>What the request carries.</summary>
    public Modality Modality { get; init; } = Modality.Text;

    /// <summary>Prompt size in tokens.</summary>
    public int InputTokens { get; init; }

    /// <summary>Payload size in bytes for media.</summary>
    public long InputBytes { get; init; }

    /// <summary>Expected output size in tokens.</summary>
    public int ExpectedOutputTokens { get; init; }

    /// <summary>The model or capability that must serve the request.</summary>
    public required string RequiredModel { get; init; }

    /// <summary>Latency SLA in milliseconds; must be positive.</summary>
    public double LatencySlaMs { get; init; }

    /// <summary>Cost budget in dollars; 0 means none.</summary>
    public double CostBudget { get; init; }

    /// <summary>How sensitive the payload is.</summary>
    public PrivacyLevel Privacy { get; init; } = PrivacyLevel.Public;

    /// <summary>Compliance regimes every serving node must satisfy.</summary>
    public ImmutableArray<string> ComplianceTags { get; init; } = [];

    /// <summary>The region the request comes from.</summary>
    public required string Region { get; init; }

    /// <summary>The device's cell.</summary>
    public string Cell { get; init; } = "";

    /// <summary>What the device can run itself.</summary>
    public DeviceCapabilities Device { get; init; } = new();

    /// <summary>The device's access network.</summary>
    public NetworkConditions Network { get; init; } = new();
}
