using System.CommandLine;
using System.Globalization;
using Reroute.Grains.Routing.Simulation;

namespace Reroute.Silo.Cli;

/// <summary>
/// The <c>replay-trace</c> verb: replays an Azure LLM inference trace through the simulated MEC topology with our router
/// and the baselines, in virtual time, and prints SLA attainment, p50/p99, cost per 1,000 requests and privacy violations.
/// </summary>
internal static class ReplayTraceCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The trace: a CSV with TIMESTAMP,ContextTokens,GeneratedTokens (Azure's 2023 format)." };
        var load = new Option<double>("--load")
        {
            Description = "Arrival-rate multiplier: 2.5 replays the trace 2.5 times faster.",
            DefaultValueFactory = _ => 1,
        };
        load.Validators.Add(result =>
        {
            if (!(result.GetValueOrDefault<double>() > 0))
            {
                result.AddError("--load must be positive.");
            }
        });
        var maxRows = new Option<int?>("--max-rows") { Description = "Replay only the first N rows." };
        maxRows.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--max-rows must be at least 1.");
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the simulated workload (models, privacy, devices, network).",
            DefaultValueFactory = _ => new SimulationOptions().Seed,
        };

        var interactive = new Option<double>("--interactive-share")
        {
            Description = "Share of short-output requests (inline completions) with an interactive SLA; 0 replays the all-loose mix.",
            DefaultValueFactory = _ => new SimulationOptions().InteractiveShare,
        };
        interactive.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (>= 0 and <= 1))
            {
                result.AddError("--interactive-share must be between 0 and 1.");
            }
        });

        var command = new Command(
            "replay-trace",
            "Replay an inference trace through the simulated MEC topology (cells with edge nodes, a hub, the cloud; failures and "
            + "brownouts) with Reroute's router and the baselines random, round-robin, least-loaded, always-cloud, nearest-MEC and always-cloud-compliant.")
        {
            file,
            load,
            maxRows,
            seed,
            interactive,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(file)!.FullName;
            IReadOnlyList<TraceRecord> trace;
            try
            {
                trace = AzureTraceReader.Read(path, parseResult.GetValue(maxRows) ?? int.MaxValue);
            }
            catch (Exception ex) when (ex is FileNotFoundException or FormatException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.Usage;
            }

            var options = new SimulationOptions { Load = parseResult.GetValue(load), Seed = parseResult.GetValue(seed), InteractiveShare = parseResult.GetValue(interactive) };
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"replaying {trace.Count:N0} requests from {path} at load {options.Load:F2}, interactive share {options.InteractiveShare:F2}"));
            var results = TraceReplay.RunAll(trace, options);
            await output.WriteAsync(ReplayTable.Format(results));
            return ExitCodes.Success;
        });
        return command;
    }
}
