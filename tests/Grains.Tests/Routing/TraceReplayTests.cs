using Reroute.Grains.Routing.Simulation;

namespace Reroute.Grains.Tests.Routing;

public sealed class TraceReplayTests
{
    // The first 1,500 rows, replayed 2× faster than recorded: round-robin already misses more than 10% of SLAs there.
    private const int Rows = 1_500;
    private const double ContendedLoad = 2;

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
    public void On_a_contended_short_replay_ours_beats_every_load_balancing_baseline_on_sla_at_lower_cost_than_always_cloud()
    {
        var results = TraceReplay.RunAll(Trace.Value, new SimulationOptions { Load = ContendedLoad }).ToDictionary(r => r.Policy);
        var ours = results[ReplayPolicy.Reroute];
        var cloud = results[ReplayPolicy.AlwaysCloud];
        var table = string.Join("; ", results.Values.Select(r => $"{r.Policy} {r.SlaAttainment:P2} ${r.CostPer1k:F3} privacy {r.PrivacyViolations}"));

        Assert.True(results[ReplayPolicy.RoundRobin].SlaAttainment < 0.90, "the load is not contended: " + table);
        foreach (var baseline in new[] { ReplayPolicy.Random, ReplayPolicy.RoundRobin, ReplayPolicy.LeastLoaded, ReplayPolicy.NearestMec })
        {
            Assert.True(ours.SlaAttainment > results[baseline].SlaAttainment, $"{baseline} is not beaten: {table}");
        }

        Assert.True(ours.SlaAttainment >= 0.99, table);
        Assert.True(ours.CostPer1k <= 0.5 * cloud.CostPer1k, table);
        Assert.Equal(0, ours.PrivacyViolations);
        Assert.True(cloud.PrivacyViolations > 0, "the workload must hold PHI that the cloud may not see: " + table);
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
}
