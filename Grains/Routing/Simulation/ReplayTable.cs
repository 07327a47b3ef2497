using System.Globalization;
using System.Text;

namespace Reroute.Grains.Routing.Simulation;

/// <summary>The replay's results as the command line prints them: one row per policy, then the goals line.</summary>
public static class ReplayTable
{
    /// <summary>The policy's key in reports and JSON (reroute, random, round_robin, least_loaded, always_cloud, nearest_mec, always_cloud_compliant).</summary>
    public static string Key(ReplayPolicy policy) => policy switch
    {
        ReplayPolicy.Reroute => "reroute",
        ReplayPolicy.Random => "random",
        ReplayPolicy.RoundRobin => "round_robin",
        ReplayPolicy.LeastLoaded => "least_loaded",
        ReplayPolicy.AlwaysCloud => "always_cloud",
        ReplayPolicy.AlwaysCloudCompliant => "always_cloud_compliant",
        _ => "nearest_mec",
    };

    /// <summary>The table: a header, a row per policy, the interactive count, and our router against the goals.</summary>
    public static string Format(IReadOnlyList<ReplayResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{"policy",-22} {"SLA",8} {"interact",8} {"legal",8} {"p50 ms",9} {"p99 ms",9} {"$/1k req",9} {"privacy",8} {"failed",7} {"device",7} {"edge",7} {"cloud",7}");
        foreach (var r in results)
        {
            text.AppendLine(c, $"{Key(r.Policy),-22} {r.SlaAttainment,8:P2} {(r.InteractiveRequests > 0 ? r.InteractiveSlaAttainment.ToString("P2", c) : "-"),8} {r.CompliantSlaAttainment,8:P2} {r.P50Ms,9:F0} {r.P99Ms,9:F0} {r.CostPer1k,9:F4} {r.PrivacyViolations,8} {r.Failed,7} {r.DeviceShare,7:P0} {r.EdgeShare,7:P0} {r.CloudShare,7:P0}");
        }

        if (results.FirstOrDefault(r => r.Policy == ReplayPolicy.Reroute) is { } ours
            && results.FirstOrDefault(r => r.Policy == ReplayPolicy.AlwaysCloud) is { CostPer1k: > 0 } cloud)
        {
            var missed = (int)Math.Round((1 - ours.SlaAttainment) * ours.Requests);
            text.AppendLine(c, $"interactive requests: {ours.InteractiveRequests:N0} of {ours.Requests:N0} (\"interact\" is their SLA attainment; \"legal\" counts an answer from a place the tenant barred as a miss)");
            text.AppendLine(c, $"reroute: SLA {ours.SlaAttainment:P2}, cost {ours.CostPer1k / cloud.CostPer1k:F2}x always-cloud, {ours.PrivacyViolations} privacy violation(s); {missed} SLA miss(es), {ours.MissesCloudAllowed} of them on requests the cloud was allowed to serve");
        }

        return text.ToString();
    }
}
