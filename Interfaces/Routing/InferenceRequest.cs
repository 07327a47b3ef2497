using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>One AI inference request as the router sees it: size, model, SLA, budget, privacy, place and device.</summary>
public sealed record InferenceRequest
{
    /// <summary>The caller's id for this request, echoed in the decision.</summary>
    public required string RequestId { get; init; }

    /// <summary>The tenant (clinic) whose policy applies.</summary>
    public required string TenantId { get; init; }

    /// <summary>What the request carries.</summary>
    public Modality Modality { get; init; } = Modality.Text;

    /// <summary>Prompt size in tokens (0 when only <see cref="InputBytes"/> is known).</summary>
    public int InputTokens { get; init; }

    /// <summary>Payload size in bytes for media; 0 for text, whose size is estimated from the tokens.</summary>
    public long InputBytes { get; init; }

    /// <summary>Expected output size in tokens.</summary>
    public int ExpectedOutputTokens { get; init; }

    /// <summary>The model (or capability name) that must serve the request.</summary>
    public required string RequiredModel { get; init; }

    /// <summary>End-to-end latency the caller needs, in milliseconds (must be positive).</summary>
    public double LatencySlaMs { get; init; }

    /// <summary>Most the caller will pay for this request, in dollars; 0 means no budget limit.</summary>
    public double CostBudget { get; init; }

    /// <summary>How sensitive the payload is.</summary>
    public PrivacyLevel Privacy { get; init; } = PrivacyLevel.Public;

    /// <summary>Compliance regimes every serving node must satisfy (for example "hipaa", "gdpr").</summary>
    public ImmutableArray<string> ComplianceTags { get; init; } = [];

    /// <summary>The region the request comes from; data stays in it unless the tenant allows others.</summary>
    public required string Region { get; init; }

    /// <summary>The cell the device is attached to; edge nodes in the same cell are nearest.</summary>
    public string Cell { get; init; } = "";

    /// <summary>What the device can run itself.</summary>
    public DeviceCapabilities Device { get; init; } = new();

    /// <summary>The device's access network.</summary>
    public NetworkConditions Network { get; init; } = new();
}
