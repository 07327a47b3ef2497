using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

/// <summary>Builders for requests, nodes and policies, so each test states only what matters to it.</summary>
internal static class Routes
{
    public const string Region = "eu-north";
    public const string Tenant = "clinic-a";

    public static InferenceRequest Request(
        string model = "code-7b",
        int inputTokens = 1_000,
        int outputTokens = 20,
        double slaMs = 2_000,
        PrivacyLevel privacy = PrivacyLevel.Public,
        string cell = "cell-1",
        Modality modality = Modality.Text) => new()
        {
            RequestId = "req-1",
            TenantId = Tenant,
            Modality = modality,
            InputTokens = inputTokens,
            ExpectedOutputTokens = outputTokens,
            RequiredModel = model,
            LatencySlaMs = slaMs,
            Privacy = privacy,
            Region = Region,
            Cell = cell,
            Network = new NetworkConditions { RttMs = 10, BandwidthMbps = 50 },
        };

    public static NodeSnapshot Edge(string id, string cell = "cell-1", int inFlight = 0, int queue = 0) => new()
    {
        NodeId = id,
        Tier = ComputeTier.Edge,
        Region = Region,
        Cell = cell,
        RttMs = 2,
        Capacity = 4,
        InFlight = inFlight,
        QueueDepth = queue,
        MemoryGb = 48,
        CostPer1kTokens = 0.0006,
        HostedModels = ["code-1b", "code-7b"],
        WarmModels = ["code-1b", "code-7b"],
        CertifiedPrivacy = [PrivacyLevel.Public, PrivacyLevel.Internal, PrivacyLevel.Phi],
        ComplianceTags = ["hipaa"],
    };

    public static NodeSnapshot Cloud(string id = "cloud-1") => new()
    {
        NodeId = id,
        Tier = ComputeTier.Cloud,
        Region = Region,
        RttMs = 40,
        Capacity = 64,
        SpeedFactor = 2,
        MemoryGb = 320,
        CostPer1kTokens = 0.002,
        HostedModels = ["code-1b", "code-7b", "code-34b"],
        WarmModels = ["code-1b", "code-7b", "code-34b"],
        CertifiedPrivacy = [PrivacyLevel.Public, PrivacyLevel.Internal, PrivacyLevel.Phi],
        ComplianceTags = ["hipaa"],
    };

    public static TenantPolicy Policy(params ComputeTier[] phiTiers) => new() { TenantId = Tenant, PhiApprovedTiers = [.. phiTiers] };
}
