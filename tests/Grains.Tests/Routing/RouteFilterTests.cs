using System.Collections.Immutable;
using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class RouteFilterTests
{
    private static readonly RoutingModel Model = RoutingModel.Default;

    [Fact]
    public void Phi_is_never_routed_to_a_tier_or_node_its_tenant_has_not_approved_whatever_the_load()
    {
        var random = new Random(20261122);
        var tiers = new[] { ComputeTier.Device, ComputeTier.Edge, ComputeTier.Cloud };
        var routed = 0;
        for (var trial = 0; trial < 3_000; trial++)
        {
            var nodes = Enumerable.Range(0, 1 + random.Next(10)).Select(i => RandomNode(random, i)).ToArray();
            var approvedTiers = tiers.Where(_ => random.Next(3) == 0).ToImmutableArray();
            var approvedNodes = nodes.Where(_ => random.Next(4) == 0).Select(n => n.NodeId).ToImmutableArray();
            var policy = new TenantPolicy { TenantId = Routes.Tenant, PhiApprovedTiers = approvedTiers, PhiApprovedNodes = approvedNodes };
            var request = Routes.Request(
                model: random.Next(2) == 0 ? "code-1b" : "code-7b",
                inputTokens: 1 + random.Next(6_000),
                outputTokens: 1 + random.Next(300),
                slaMs: 100 + random.Next(10_000),
                privacy: PrivacyLevel.Phi,
                cell: "cell-" + random.Next(4)) with
            {
                Device = new DeviceCapabilities { OnDeviceModelAvailable = random.Next(2) == 0, BatteryPercent = random.Next(101), ComputeClass = (ComputeClass)random.Next(4) },
            };

            var decision = RoutePlanner.Route(request, nodes, policy, Model);

            foreach (var (tier, node) in new[] { (decision.Tier, decision.NodeId), (decision.BackupTier, decision.BackupNodeId) })
            {
                if (node is not null)
                {
                    Assert.True(
                        approvedTiers.Contains(tier!.Value) || approvedNodes.Contains(node),
                        $"trial {trial}: PHI routed to {node} ({tier}); approved tiers [{string.Join(",", approvedTiers)}], nodes [{string.Join(",", approvedNodes)}]");
                }
            }

            routed += decision.Status == RouteStatus.Routed ? 1 : 0;
        }

        // The property must have been exercised on real routes, not only on rejections.
        Assert.InRange(routed, 500, 3_000);
    }

    [Fact]
    public void Phi_without_any_approval_gets_no_route_even_with_an_idle_cloud()
    {
        var decision = RoutePlanner.Route(Routes.Request(privacy: PrivacyLevel.Phi), [Routes.Cloud(), Routes.Edge("edge-1")], Routes.Policy(), Model);

        Assert.Equal(RouteStatus.NoEligibleNode, decision.Status);
        Assert.Null(decision.NodeId);
        Assert.Contains(decision.Rationale, line => line.Contains(nameof(FilterVerdict.PhiNotApproved), StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_not_certified_for_the_privacy_level_is_excluded_even_if_the_tenant_approved_its_tier()
    {
        var uncertified = Routes.Edge("edge-1") with { CertifiedPrivacy = [PrivacyLevel.Public] };
        var request = Routes.Request(privacy: PrivacyLevel.Internal);
        var profile = RequestClassifier.Classify(request, Model);

        Assert.Equal(FilterVerdict.PrivacyNotCertified, RouteFilter.Check(request, profile, uncertified, Routes.Policy(ComputeTier.Edge)));
    }

    [Fact]
    public void A_node_in_another_region_is_excluded_unless_the_tenant_allows_that_region()
    {
        var abroad = Routes.Cloud("cloud-us") with { Region = "us-east" };
        var request = Routes.Request();
        var profile = RequestClassifier.Classify(request, Model);

        Assert.Equal(FilterVerdict.OutsideGeography, RouteFilter.Check(request, profile, abroad, Routes.Policy()));
        Assert.Equal(FilterVerdict.Eligible, RouteFilter.Check(request, profile, abroad, Routes.Policy() with { AllowedRegions = ["us-east"] }));

        var decision = RoutePlanner.Route(request, [abroad, Routes.Edge("edge-1", inFlight: 4, queue: 40)], Routes.Policy(), Model);
        Assert.Equal("edge-1", decision.NodeId);
        Assert.Null(decision.BackupNodeId);
    }

    [Fact]
    public void Compliance_tags_of_the_request_and_of_the_tenant_must_all_be_satisfied()
    {
        var hipaaOnly = Routes.Edge("edge-1");
        var both = Routes.Edge("edge-2") with { ComplianceTags = ["hipaa", "gdpr"] };
        var request = Routes.Request() with { ComplianceTags = ["hipaa"] };
        var profile = RequestClassifier.Classify(request, Model);
        var gdprTenant = Routes.Policy() with { RequiredComplianceTags = ["gdpr"] };

        Assert.Equal(FilterVerdict.Eligible, RouteFilter.Check(request, profile, hipaaOnly, Routes.Policy()));
        Assert.Equal(FilterVerdict.ComplianceMissing, RouteFilter.Check(request, profile, hipaaOnly, gdprTenant));
        Assert.Equal(FilterVerdict.ComplianceMissing, RouteFilter.Check(request with { ComplianceTags = ["sox"] }, profile, both, Routes.Policy()));
        Assert.Equal("edge-2", RoutePlanner.Route(request, [hipaaOnly, both], gdprTenant, Model).NodeId);
    }

    [Fact]
    public void A_node_dedicated_to_other_tenants_and_a_node_without_the_model_are_excluded()
    {
        var request = Routes.Request("code-34b");
        var profile = RequestClassifier.Classify(request, Model);

        Assert.Equal(FilterVerdict.TenantNotServed, RouteFilter.Check(request, profile, Routes.Cloud() with { Tenants = ["clinic-z"] }, Routes.Policy()));
        Assert.Equal(FilterVerdict.ModelUnavailable, RouteFilter.Check(request, profile, Routes.Edge("edge-1"), Routes.Policy()));
    }

    private static NodeSnapshot RandomNode(Random random, int i)
    {
        var cloud = random.Next(4) == 0;
        var node = cloud ? Routes.Cloud("cloud-" + i) : Routes.Edge("edge-" + i, "cell-" + random.Next(4));
        return node with
        {
            InFlight = random.Next(node.Capacity + 1),
            QueueDepth = random.Next(3 * node.Capacity),
            Health = (NodeHealth)random.Next(3),
            Breaker = (BreakerState)random.Next(3),
            WarmModels = random.Next(2) == 0 ? node.WarmModels : [],
        };
    }
}
