using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Silo.Api;

/// <summary>
/// The body of <c>POST /api/inference/route</c>: an inference request without its tenant, which comes from the token.
/// Fields are optional and enums are text here, so that a missing field or an unknown modality is answered with the
/// field named rather than a bare JSON error.
/// </summary>
public record RouteRequestBody
{
    /// <summary>The caller's id for the request.</summary>
    public string? RequestId { get; init; }

    /// <summary>text, image, audio, video or multimodal.</summary>
    public string? Modality { get; init; }

    /// <summary>Prompt size in tokens.</summary>
    public int? InputTokens { get; init; }

    /// <summary>Payload size in bytes for media.</summary>
    public long? InputBytes { get; init; }

    /// <summary>Expected output size in tokens.</summary>
    public int? ExpectedOutputTokens { get; init; }

    /// <summary>The model or capability that must serve the request.</summary>
    public string? RequiredModel { get; init; }

    /// <summary>Latency SLA in milliseconds; must be positive.</summary>
    public double? LatencySlaMs { get; init; }

    /// <summary>Cost budget in dollars; 0 or absent means none.</summary>
    public double? CostBudget { get; init; }

    /// <summary>public, internal or phi; public when absent.</summary>
    public string? Privacy { get; init; }

    /// <summary>Compliance regimes every serving node must satisfy.</summary>
    public ImmutableArray<string>? ComplianceTags { get; init; }

    /// <summary>The region the request comes from.</summary>
    public string? Region { get; init; }

    /// <summary>The device's cell.</summary>
    public string? Cell { get; init; }

    /// <summary>What the device can run itself.</summary>
    public DeviceCapabilities? Device { get; init; }

    /// <summary>The device's access network.</summary>
    public NetworkConditions? Network { get; init; }
}
