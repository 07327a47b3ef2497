using Reroute.Grains.Routing.Simulation;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class TraceReplayTests
{
    // The first 1,500 rows, replayed 2× faster than recorded: round-robin already misses more than 10% of SLAs there, in
    // both the default mix (with interactive completions) and the all-loose one.
    private const int Rows = 1_500;
    private const double ContendedLoad = 2;

    private static readonly ReplayPolicy[] Baselines = [.. Enum.GetValues<ReplayPolicy>().Where(p => p != ReplayPolicy.Reroute)];

    private static readonly Lazy<IReadOnlyList<TraceRecord>> Trace =
        new(() => AzureTraceReader.Read(AzureTraceReader.LocateCodeTrace(AppContext.BaseDirectory), Rows));

    [Fact]
    public void The_reader_takes_crlf_rows_and_a_last_row_without_a_terminator()
    {
        var text = "TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:17:03.9799600,4808,10\r\n2023-11-16 18:17:04.0319600,3180,8";

        var rows = AzureTraceReader.Parse(new StringReader(text));

        Assert.Equal([new TraceRecord(0, 4808, 10), new TraceRecord(52, 3180, 8)], rows);
    }

    [Fact]
    public void The_reader_names_the_line_of_a_malformed_row()
    {
        var text = "TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:17:03.9799600,4808,10\r\n2023-11-16 18:17:04.0319600,lots,8\r\n";

        var error = Assert.Throws<FormatException>(() => AzureTraceReader.Parse(new StringReader(text)));
        Assert.StartsWith("Line 3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_trace_is_read_whole()
    {
        var rows = AzureTraceReader.Read(AzureTraceReader.LocateCodeTrace(AppContext.BaseDirectory));

        Assert.Equal(8_819, rows.Count);
        Assert.Equal(3, rows.Min(r => r.ContextTokens));
        Assert.Equal(1_899, rows.Max(r => r.GeneratedTokens));
    }

    [Fact]
    public void A_replay_is_deterministic()
    {
        var options = new SimulationOptions { Load = ContendedLoad };

        Assert.Equal(TraceReplay.Run(Trace.Value, ReplayPolicy.Reroute, options), TraceReplay.Run(Trace.Value, ReplayPolicy.Reroute, options));
        Assert.Equal(TraceReplay.Run(Trace.Value, ReplayPolicy.Random, options), TraceReplay.Run(Trace.Value, ReplayPolicy.Random, options));
    }

    [Fact]
    public void On_a_contended_short_replay_with_interactive_requests_ours_beats_every_baseline_on_sla_within_the_rules()
    {
        var results = TraceReplay.RunAll(Trace.Value, new SimulationOptions { Load = ContendedLoad }).ToDictionary(r => r.Policy);
        var ours = results[ReplayPolicy.Reroute];
        var cloud = results[ReplayPolicy.AlwaysCloud];
        var table = Table(results);

        Assert.True(results[ReplayPolicy.RoundRobin].SlaAttainment < 0.90, "the load is not contended: " + table);
        Assert.True(ours.InteractiveRequests > 0, table);
        Assert.True(ours.SlaAttainment >= 0.99, table);
        Assert.Equal(0, ours.PrivacyViolations);
        Assert.Equal(ours.SlaAttainment, ours.CompliantSlaAttainment);

        // Every baseline is beaten on SLA (overall and on the interactive requests) and on SLA within the privacy rules.
        // Those cheaper than ours are cheap by missing more than a tenth of their SLAs (and by breaking the rules); the
        // others cost more than ours.
        foreach (var baseline in Baselines.Where(b => b != ReplayPolicy.AlwaysCloud))
        {
            var other = results[baseline];
            Assert.True(ours.SlaAttainment > other.SlaAttainment, $"{baseline} is not beaten on SLA: {table}");
            Assert.True(ours.InteractiveSlaAttainment > other.InteractiveSlaAttainment, $"{baseline} is not beaten on interactive SLA: {table}");
            Assert.True(ours.CostPer1k <= other.CostPer1k || other.SlaAttainment < 0.90, $"{baseline} is cheaper at a comparable SLA: {table}");
        }

        // Always-cloud meets more raw SLAs than any compliant policy can, by sending PHI where its tenant forbids it; within
        // the rules it is beaten at about half its cost: 0.51× on these rows (0.56× while the edge reserve was the same for
        // every request; the whole trace at 2× is at 0.49×, and the all-loose mix below meets 0.5× here too).
        foreach (var baseline in Baselines)
        {
            Assert.True(ours.CompliantSlaAttainment > results[baseline].CompliantSlaAttainment, $"{baseline} is not beaten within the rules: {table}");
        }

        Assert.True(cloud.PrivacyViolations > 0, "the workload must hold PHI that the cloud may not see: " + table);
        Assert.True(ours.CostPer1k <= 0.52 * cloud.CostPer1k, table);
        Assert.True(ours.CostPer1k < results[ReplayPolicy.AlwaysCloudCompliant].CostPer1k, table);
    }

    [Fact]
    public void On_a_contended_short_replay_of_the_all_loose_mix_ours_meets_the_goals_and_beats_every_load_balancing_baseline()
    {
        var results = TraceReplay.RunAll(Trace.Value, new SimulationOptions { Load = ContendedLoad, InteractiveShare = 0 }).ToDictionary(r => r.Policy);
        var ours = results[ReplayPolicy.Reroute];
        var cloud = results[ReplayPolicy.AlwaysCloud];
        var table = Table(results);

        Assert.Equal(0, ours.InteractiveRequests);
        Assert.True(results[ReplayPolicy.RoundRobin].SlaAttainment < 0.90, "the load is not contended: " + table);
        foreach (var baseline in new[] { ReplayPolicy.Random, ReplayPolicy.RoundRobin, ReplayPolicy.LeastLoaded, ReplayPolicy.NearestMec })
        {
            Assert.True(ours.SlaAttainment > results[baseline].SlaAttainment, $"{baseline} is not beaten: {table}");
        }

        Assert.True(ours.SlaAttainment >= 0.99, table);
        Assert.True(ours.CostPer1k <= 0.5 * cloud.CostPer1k, table);
        Assert.Equal(0, ours.PrivacyViolations);
    }

    [Fact]
    public void Interactive_requests_are_short_completions_with_tight_slas_and_leave_the_rest_of_the_workload_unchanged()
    {
        var interactive = new SimulationOptions();
        var loose = interactive with { InteractiveShare = 0 };
        var withShare = WorkloadGenerator.Generate(Trace.Value, interactive);
        var without = WorkloadGenerator.Generate(Trace.Value, loose);
        var shortOnes = withShare.Count(r => r.Request.ExpectedOutputTokens <= interactive.InteractiveMaxOutputTokens);

        Assert.DoesNotContain(without, r => r.Interactive);
        Assert.InRange(withShare.Count(r => r.Interactive), 0.4 * shortOnes, 0.6 * shortOnes);
        for (var i = 0; i < withShare.Length; i++)
        {
            var (a, b) = (withShare[i], without[i]);
            Assert.Equal(Shape(b), Shape(a));
            if (!a.Interactive)
            {
                Assert.Equal(b.Request.LatencySlaMs, a.Request.LatencySlaMs);
                continue;
            }

            // Base plus a small multiple of the expected service on the reference node: tighter than the loose SLA, and
            // its base is under the cloud's median round trip alone.
            var profile = WorkloadGenerator.Find(interactive.Models, a.Request.RequiredModel);
            var service = WorkloadGenerator.ServiceMs(profile, a.Request.InputTokens, a.Request.ExpectedOutputTokens);
            Assert.True(a.Request.ExpectedOutputTokens <= interactive.InteractiveMaxOutputTokens);
            Assert.Contains(interactive.InteractiveSlaMultipliers, m => Math.Abs(interactive.InteractiveSlaBaseMs + m * service - a.Request.LatencySlaMs) < 1e-9);
            Assert.True(a.Request.LatencySlaMs < b.Request.LatencySlaMs);
        }

        Assert.True(interactive.InteractiveSlaBaseMs < interactive.CloudRttMedianMs);
    }

    [Fact]
    public void The_compliant_always_cloud_baseline_keeps_barred_phi_off_the_cloud_and_sends_everything_else_there()
    {
        var options = new SimulationOptions { Load = ContendedLoad };
        var cloud = TraceReplay.Run(Trace.Value, ReplayPolicy.AlwaysCloud, options);
        var compliant = TraceReplay.Run(Trace.Value, ReplayPolicy.AlwaysCloudCompliant, options);

        Assert.True(cloud.PrivacyViolations > 0);
        Assert.Equal(0, compliant.PrivacyViolations);
        Assert.Equal(1.0, cloud.CloudShare);
        Assert.True(compliant.CloudShare < 1.0 && compliant.EdgeShare > 0, $"cloud {compliant.CloudShare:P2}, edge {compliant.EdgeShare:P2}");
        Assert.Equal("always_cloud_compliant", ReplayTable.Key(ReplayPolicy.AlwaysCloudCompliant));
    }

    private static string Table(Dictionary<ReplayPolicy, ReplayResult> results) =>
        string.Join("; ", results.Values.Select(r => $"{r.Policy} {r.SlaAttainment:P2} (interactive {r.InteractiveSlaAttainment:P2}, legal {r.CompliantSlaAttainment:P2}) ${r.CostPer1k:F3} privacy {r.PrivacyViolations}"));

    private static (string, PrivacyLevel, string, string, int, int, NetworkConditions, DeviceCapabilities, double) Shape(SimRequest r) =>
        (r.Request.TenantId, r.Request.Privacy, r.Request.RequiredModel, r.Request.Cell, r.Request.InputTokens, r.Request.ExpectedOutputTokens, r.Request.Network, r.Request.Device, r.CloudRttMs);
}
