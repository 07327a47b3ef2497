using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Demo;
using Reroute.Runtime;
using Reroute.Silo.Options;

namespace Reroute.Silo.Cli;

/// <summary>
/// The <c>generate</c> verb: generates a clinic network of the given size and loads it through the grains into the
/// configured storage, streaming panel by panel so that the design's 27,000 providers fit in memory.
/// </summary>
internal static class GenerateCommand
{
    /// <summary>
    /// Loaded records are not read again, so they are let go after a minute instead of the silo's fifteen; the user's own
    /// --Reroute:Runtime overrides come later on the command line and win.
    /// </summary>
    private static readonly string[] LoadingDefaults =
    [
        "--urls=http://127.0.0.1:0",
        "--Reroute:Runtime:CollectionAge=00:01:00",
        "--Reroute:Runtime:CollectionQuantum=00:00:10",
    ];

    /// <summary>Creates the verb.</summary>
    public static Command Create(IReadOnlyList<string> overrides)
    {
        var providers = Positive("--providers", "Number of providers (therapists); ids T001, T002, ….", required: true, defaultValue: 0);
        var patients = Positive("--patients-per-provider", "Patients on each provider's panel.", required: false, defaultValue: ClinicNetworkSpec.DefaultPatientsPerProvider);
        var clinics = new Option<int?>("--clinics") { Description = $"Number of clinics; one per {ClinicNetworkSpec.DefaultProvidersPerClinic} providers if omitted." };
        var days = Positive("--days", "Days of slots and appointments from the start date.", required: false, defaultValue: ClinicNetworkSpec.DefaultDays);
        var seed = new Option<int>("--seed") { Description = "Seed of the generator: the same seed gives the same network.", DefaultValueFactory = _ => ClinicNetworkSpec.DefaultSeed };
        var tenant = new Option<string>("--tenant") { Description = "Tenant to load into.", DefaultValueFactory = _ => DemoOptions.DefaultTenant };
        var start = new Option<DateOnly?>("--start") { Description = "First day of appointments (yyyy-MM-dd, clinic time); today if omitted." };
        var command = new Command(
            "generate",
            "Generate a made-up clinic network (clinics, providers, patients, two weeks of appointments, waitlists, payer rules) and "
            + "load it through the grains into the configured storage (SQLite under the data directory by default). Records with the "
            + "same ids are replaced. Run it while no silo uses the same data directory.")
        {
            providers, patients, clinics, days, seed, tenant, start,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var providerCount = parseResult.GetValue(providers);
            var tenantId = parseResult.GetRequiredValue(tenant);
            if (!Grains.Scheduling.SchedulingKeys.IsValidId(tenantId))
            {
                await error.WriteLineAsync($"--tenant '{tenantId}' must be 1 to 64 letters, digits, '-' or '.'.");
                return ExitCodes.Usage;
            }

            // Checked before the host is built, so a usage error leaves the data directory untouched; today is the host's.
            var spec = new ClinicNetworkSpec
            {
                Providers = providerCount,
                Clinics = parseResult.GetValue(clinics) ?? ClinicNetworkSpec.DefaultClinicsFor(providerCount),
                PatientsPerProvider = parseResult.GetValue(patients),
                Days = parseResult.GetValue(days),
                Seed = parseResult.GetValue(seed),
                StartDate = parseResult.GetValue(start) ?? DateOnly.MinValue,
            };
            if (spec.Validate() is { Count: > 0 } problems)
            {
                await error.WriteLineAsync(string.Join(Environment.NewLine, problems));
                return ExitCodes.Usage;
            }

            var (app, buildExit) = await SiloLaunch.BuildAsync(
                [.. LoadingDefaults, .. overrides, "--Reroute:Demo:SeedOnFirstStart=false"],
                error,
                builder => builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
            if (app is null)
            {
                return buildExit;
            }

            await using (app)
            {
                var time = app.Services.GetRequiredService<TimeProvider>();
                spec = spec with { StartDate = parseResult.GetValue(start) ?? ClinicNetworkSpec.TodayAt(time.GetUtcNow(), ClinicNetworkSpec.DefaultUtcOffset) };
                if (await SiloLaunch.StartAsync(app, error, cancellationToken) is { } startExit)
                {
                    return startExit;
                }

                await output.WriteLineAsync(Invariant(
                    $"Generating {spec.Providers:N0} providers in {spec.Clinics:N0} clinics, {spec.PatientsPerProvider} patients each, {spec.Days} days from {spec.StartDate:yyyy-MM-dd}, seed {spec.Seed}, into tenant {tenantId}"));
                var clock = Stopwatch.StartNew();
                var report = await ClinicNetworkLoader.LoadAsync(
                    app.Services.GetRequiredService<IGrainFactory>(),
                    tenantId,
                    ClinicNetworkGenerator.GenerateKnowledge(spec),
                    ClinicNetworkGenerator.GeneratePanels(spec),
                    ClinicNetworkLoader.DefaultConcurrency,
                    new ConsoleProgress(output, clock),
                    cancellationToken);
                var loaded = clock.Elapsed;

                // Stopping deactivates every activation and closes the store: only then is everything on disk.
                await app.StopAsync(CancellationToken.None);
                var total = clock.Elapsed;
                using var process = Process.GetCurrentProcess();
                await output.WriteLineAsync(Invariant(
                    $"Loaded {report.Providers:N0} providers, {report.Patients:N0} patients, {report.Appointments:N0} appointments, {report.WaitlistEntries:N0} waitlist entries, knowledge version {report.KnowledgeVersion}"));
                await output.WriteLineAsync(Invariant(
                    $"Time: {loaded.TotalSeconds:F1} s generating and loading, {total.TotalSeconds:F1} s including the final flush; {(report.Patients + report.Appointments + report.Providers) / total.TotalSeconds:N0} records/s; peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MB"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<int> Positive(string name, string description, bool required, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, Required = required };
        if (!required)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Prints the running totals after each batch, synchronously, so lines come out in order.</summary>
    private sealed class ConsoleProgress(TextWriter output, Stopwatch clock) : IProgress<LoadReport>
    {
        public void Report(LoadReport value) => output.WriteLine(Invariant(
            $"  {value.Providers:N0} providers, {value.Patients:N0} patients, {value.Appointments:N0} appointments, {value.WaitlistEntries:N0} waitlist entries ({clock.Elapsed.TotalSeconds:F1} s)"));
    }
}
