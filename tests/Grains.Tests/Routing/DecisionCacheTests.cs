using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class DecisionCacheTests
{
    private const int Capacity = 100;
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_decision_is_reused_for_the_same_shape_within_its_age_with_the_new_id_and_sla()
    {
        var cache = new DecisionCache();
        var request = Routes.Request() with { ComplianceTags = ["hipaa", "gdpr"] };
        cache.Remember(request, Routed(request), Start, Capacity);

        var sameShape = request with { RequestId = "req-2", LatencySlaMs = 900, InputTokens = 50, ComplianceTags = ["gdpr", "hipaa"] };
        Assert.True(cache.TryRecall(sameShape, Start + TimeSpan.FromSeconds(30), MaxAge, "test", out var reused));
        Assert.Equal("req-2", reused.RequestId);
        Assert.Equal(900, reused.LatencySlaMs);
        Assert.Equal("edge-1", reused.NodeId);
        Assert.Contains(reused.Rationale, r => r.Contains("cached decision", StringComparison.Ordinal) && r.Contains("30000 ms old: test", StringComparison.Ordinal));

        Assert.False(cache.TryRecall(sameShape, Start + MaxAge + TimeSpan.FromMilliseconds(1), MaxAge, "test", out _));
        Assert.False(cache.TryRecall(sameShape, Start, TimeSpan.Zero, "test", out _));
    }

    [Fact]
    public void Another_tenant_privacy_model_cell_or_tag_set_is_another_shape()
    {
        var cache = new DecisionCache();
        var request = Routes.Request();
        cache.Remember(request, Routed(request), Start, Capacity);

        foreach (var other in new[]
        {
            request with { TenantId = "clinic-z" },
            request with { Privacy = PrivacyLevel.Phi },
            request with { RequiredModel = "code-1b" },
            request with { Cell = "cell-2" },
            request with { Region = "eu-west" },
            request with { ComplianceTags = ["hipaa"] },
        })
        {
            Assert.False(cache.TryRecall(other, Start, MaxAge, "test", out _));
        }
    }

    [Fact]
    public void Device_decisions_and_failed_ones_are_not_kept_and_a_device_backup_is_dropped_on_reuse()
    {
        var cache = new DecisionCache();
        var request = Routes.Request();
        cache.Remember(request, Routed(request) with { Tier = ComputeTier.Device, NodeId = RoutePlanner.DeviceNodeId }, Start, Capacity);
        cache.Remember(request, new RouteDecision { RequestId = request.RequestId, Status = RouteStatus.NoEligibleNode }, Start, Capacity);
        Assert.Equal(0, cache.Count);

        cache.Remember(request, Routed(request) with { BackupTier = ComputeTier.Device, BackupNodeId = RoutePlanner.DeviceNodeId }, Start, Capacity);
        Assert.True(cache.TryRecall(request, Start, MaxAge, "test", out var reused));
        Assert.Null(reused.BackupNodeId);
        Assert.Null(reused.BackupTier);
        Assert.False(reused.Retry.FailoverToBackup);
    }

    [Fact]
    public void New_shapes_beyond_the_capacity_are_not_kept_but_kept_ones_are_refreshed()
    {
        var cache = new DecisionCache();
        var first = Routes.Request();
        var second = Routes.Request(cell: "cell-2");
        cache.Remember(first, Routed(first), Start, capacity: 1);
        cache.Remember(second, Routed(second), Start, capacity: 1);
        var later = Start + TimeSpan.FromMinutes(4);
        cache.Remember(first, Routed(first) with { NodeId = "edge-2" }, later, capacity: 1);

        Assert.Equal(1, cache.Count);
        Assert.False(cache.TryRecall(second, Start, MaxAge, "test", out _));
        Assert.True(cache.TryRecall(first, later + TimeSpan.FromMinutes(4), MaxAge, "test", out var reused));
        Assert.Equal("edge-2", reused.NodeId);
    }

    private static RouteDecision Routed(InferenceRequest request) => new()
    {
        RequestId = request.RequestId,
        Status = RouteStatus.Routed,
        Tier = ComputeTier.Edge,
        NodeId = "edge-1",
        BackupTier = ComputeTier.Cloud,
        BackupNodeId = "cloud-1",
        Rationale = ["planned"],
        Retry = new RetryPlan { MaxAttempts = 2, FailoverToBackup = true },
        LatencySlaMs = request.LatencySlaMs,
    };
}
