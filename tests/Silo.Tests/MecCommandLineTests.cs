using System.Globalization;
using Reroute.Grains.Routing.Simulation;
using Reroute.Silo.Tests.Infrastructure;
using Reroute.SiloTesting;

namespace Reroute.Silo.Tests;

public sealed class MecCommandLineTests
{
    private const int Rows = 400;

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public async Task Replay_trace_prints_every_policy_with_the_replay_engine_s_own_figures(double interactiveShare)
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, "trace.csv");
        var source = AzureTraceReader.LocateCodeTrace(AppContext.BaseDirectory);
        await File.WriteAllLinesAsync(path, File.ReadLines(source).Take(Rows + 1));
        var share = interactiveShare.ToString(CultureInfo.InvariantCulture);

        var (exitCode, output, error) = await SiloCli.RunAsync("replay-trace", path, "--load", "2.5", "--interactive-share", share);

        Assert.True(exitCode == 0, error);
        var expected = TraceReplay.RunAll(AzureTraceReader.Read(path), new SimulationOptions { Load = 2.5, InteractiveShare = interactiveShare });
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"replaying {Rows:N0} requests"), lines[0], StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"interactive share {interactiveShare:F2}"), lines[0], StringComparison.Ordinal);
        foreach (var result in expected)
        {
            var row = Assert.Single(lines, l => l.StartsWith(ReplayTable.Key(result.Policy) + " ", StringComparison.Ordinal));

            // Percentages print as two cells ("99.53 %"); the interactive column is one cell ("-") when there are none.
            var cells = new Queue<string>(row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
            Assert.Equal(result.SlaAttainment.ToString("P2", CultureInfo.InvariantCulture), cells.Dequeue() + " " + cells.Dequeue());
            var interactive = result.InteractiveRequests > 0 ? result.InteractiveSlaAttainment.ToString("P2", CultureInfo.InvariantCulture) : "-";
            Assert.Equal(interactive, result.InteractiveRequests > 0 ? cells.Dequeue() + " " + cells.Dequeue() : cells.Dequeue());
            Assert.Equal(result.CompliantSlaAttainment.ToString("P2", CultureInfo.InvariantCulture), cells.Dequeue() + " " + cells.Dequeue());
            cells.Dequeue();
            Assert.Equal(result.P99Ms.ToString("F0", CultureInfo.InvariantCulture), cells.Dequeue());
            Assert.Equal(result.CostPer1k.ToString("F4", CultureInfo.InvariantCulture), cells.Dequeue());
            Assert.Equal(result.PrivacyViolations.ToString(CultureInfo.InvariantCulture), cells.Dequeue());
        }

        var ours = expected.Single(r => r.Policy == ReplayPolicy.Reroute);
        Assert.Equal(0, ours.PrivacyViolations);
        Assert.Equal(interactiveShare > 0, ours.InteractiveRequests > 0);
        Assert.Contains(lines, l => l.StartsWith("reroute: SLA", StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"interactive requests: {ours.InteractiveRequests:N0} of {Rows:N0}"), output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.csv", "not found")]
    [InlineData("bad.csv", "Line 1")]
    public async Task Replay_trace_refuses_a_missing_or_malformed_file_with_the_reason(string name, string reason)
    {
        using var data = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(data.Path, "bad.csv"), "when,what\n1,2\n");

        var (exitCode, output, error) = await SiloCli.RunAsync("replay-trace", Path.Combine(data.Path, name));

        Assert.Equal(1, exitCode);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Simulate_mec_registers_the_emulated_nodes_and_invokes_run_end_to_end_on_them()
    {
        using var data = new TempDirectory();

        var (exitCode, output, error) = await SiloCli.RunAsync(
            "simulate-mec", "--requests", "8", "--time-scale", "0", "--cells", "3", "--urls", "http://127.0.0.1:0",
            $"--Reroute:Silo:DataDirectory={data.Path}");

        Assert.True(exitCode == 0, output + error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("emulator: http://127.0.0.1:", StringComparison.Ordinal) && l.Contains("edge-cell-3", StringComparison.Ordinal) && l.Contains("cloud-1", StringComparison.Ordinal));
        var served = lines.Where(l => l.StartsWith("sim-", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, served.Count);
        Assert.All(served, l => Assert.Contains(": served by ", l, StringComparison.Ordinal));

        // Small requests with a loose SLA go to the edge node of their own cell.
        Assert.Contains(served, l => l.StartsWith("sim-1 ", StringComparison.Ordinal) && l.Contains("served by edge-cell-1 (Edge)", StringComparison.Ordinal));
        Assert.Contains("8 of 8 request(s) served", lines);
    }

    [Theory]
    [InlineData("--cells", "0", "--cells must be at least 1")]
    [InlineData("--time-scale", "-1", "--time-scale must be zero or more")]
    [InlineData("--heartbeat-interval", "soon", "is not a positive duration")]
    public async Task Simulate_mec_refuses_bad_options_before_starting_anything(string option, string value, string message)
    {
        var (exitCode, _, error) = await SiloCli.RunAsync("simulate-mec", option, value);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--load", "0", "--load must be positive")]
    [InlineData("--interactive-share", "1.5", "--interactive-share must be between 0 and 1")]
    [InlineData("--interactive-share", "-0.1", "--interactive-share must be between 0 and 1")]
    public async Task Replay_trace_refuses_a_non_positive_load_or_a_share_outside_0_to_1(string option, string value, string message)
    {
        var (exitCode, _, error) = await SiloCli.RunAsync("replay-trace", "whatever.csv", option, value);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
