using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// The hard filters, checked before any scoring so that no weight, load or estimate can ever outvote them. Privacy comes
/// first: a PHI request reaches only tiers or nodes its tenant approved, whatever the load.
/// </summary>
public static class RouteFilter
{
    private const double TokensPerThousand = 1_000;

    /// <summary>Checks one edge or cloud node.</summary>
    public static FilterVerdict Check(InferenceRequest request, RequestProfile profile, NodeSnapshot node, TenantPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(policy);

        if (!Contains(node.CertifiedPrivacy, request.Privacy))
        {
            return FilterVerdict.PrivacyNotCertified;
        }

        if (request.Privacy == PrivacyLevel.Phi && !PhiApproved(policy, node.Tier, node.NodeId))
        {
            return FilterVerdict.PhiNotApproved;
        }

        if (!node.Tenants.IsDefaultOrEmpty && !Contains(node.Tenants, request.TenantId))
        {
            return FilterVerdict.TenantNotServed;
        }

        if (!ContainsAll(node.ComplianceTags, request.ComplianceTags) || !ContainsAll(node.ComplianceTags, policy.RequiredComplianceTags))
        {
            return FilterVerdict.ComplianceMissing;
        }

        if (!string.Equals(node.Region, request.Region, StringComparison.Ordinal) && !Contains(policy.AllowedRegions, node.Region))
        {
            return FilterVerdict.OutsideGeography;
        }

        if (!Contains(node.HostedModels, request.RequiredModel))
        {
            return FilterVerdict.ModelUnavailable;
        }

        if (profile.Needs.GpuRequired && !node.HasGpu)
        {
            return FilterVerdict.NoGpu;
        }

        if (node.MemoryGb < profile.Needs.MemoryGb)
        {
            return FilterVerdict.InsufficientMemory;
        }

        if (node.Capacity <= 0)
        {
            return FilterVerdict.NoCapacity;
        }

        if (node.Health == NodeHealth.Unhealthy)
        {
            return FilterVerdict.Unhealthy;
        }

        if (node.Breaker == BreakerState.Open)
        {
            return FilterVerdict.BreakerOpen;
        }

        return OverBudget(request, node.CostPer1kTokens) ? FilterVerdict.OverBudget : FilterVerdict.Eligible;
    }

    /// <summary>
    /// Checks the requesting device. Its data never leaves it, so certification, region and compliance do not apply;
    /// PHI still needs the tenant's approval of the device tier, because a managed device may not be a place it allows.
    /// </summary>
    public static FilterVerdict CheckDevice(InferenceRequest request, RequestProfile profile, TenantPolicy policy, RoutingModel model)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(model);

        if (request.Privacy == PrivacyLevel.Phi && !PhiApproved(policy, ComputeTier.Device, RoutePlanner.DeviceNodeId))
        {
            return FilterVerdict.PhiNotApproved;
        }

        var device = request.Device;
        if (!device.OnDeviceModelAvailable || device.ComputeClass == ComputeClass.None || !profile.Needs.DeviceCapable)
        {
            return FilterVerdict.ModelUnavailable;
        }

        // Only an accelerator-class device stands in for a GPU.
        if (profile.Needs.GpuRequired && device.ComputeClass != ComputeClass.High)
        {
            return FilterVerdict.NoGpu;
        }

        if (device.BatteryPercent < model.Weights.MinDeviceBatteryPercent)
        {
            return FilterVerdict.LowBattery;
        }

        return OverBudget(request, model.Latency.DeviceCostPer1kTokens) ? FilterVerdict.OverBudget : FilterVerdict.Eligible;
    }

    /// <summary>Whether the tenant approved PHI on this tier or this node.</summary>
    public static bool PhiApproved(TenantPolicy policy, ComputeTier tier, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Contains(policy.PhiApprovedTiers, tier) || Contains(policy.PhiApprovedNodes, nodeId);
    }

    /// <summary>The estimated cost of a request at a price per 1,000 tokens, in dollars.</summary>
    public static double Cost(InferenceRequest request, double costPer1kTokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (Math.Max(0, request.InputTokens) + Math.Max(0, request.ExpectedOutputTokens)) / TokensPerThousand * costPer1kTokens;
    }

    private static bool OverBudget(InferenceRequest request, double costPer1kTokens) =>
        request.CostBudget > 0 && Cost(request, costPer1kTokens) > request.CostBudget;

    private static bool Contains<T>(ImmutableArray<T> values, T value)
    {
        if (values.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var v in values)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAll(ImmutableArray<string> offered, ImmutableArray<string> required)
    {
        if (required.IsDefaultOrEmpty)
        {
            return true;
        }

        foreach (var tag in required)
        {
            if (!Contains(offered, tag))
            {
                return false;
            }
        }

        return true;
    }
}
