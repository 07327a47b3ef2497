using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Demo;
using Reroute.Grains.Scheduling.Notifications;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Runtime.Testing;
using Reroute.Silo.Demo;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo.Cli;

/// <summary>
/// The <c>demo</c> verb: the product's main job, visible. Seeds the demo clinic network into a fresh data folder, takes
/// provider T001 away, lets simulated patients answer their offers through the real answer paths while a virtual clock
/// jumps from one event to the next, prints the workflow's summary with checks that its numbers add up, and keeps the
/// silo serving so the workflow can be looked at.
/// </summary>
internal static class DemoCommand
{
    private const string ViewerSubject = "demo-viewer";
    private const int WebhookSecretBytes = 32;

    // Logs go to stderr and only from warnings up, so the story on stdout stays readable; the user's own
    // --Logging overrides come later on the command line and win.
    private static readonly string[] DemoDefaults = ["--Logging:LogLevel:Default=Warning"];

    /// <summary>Creates the verb.</summary>
    public static Command Create(IReadOnlyList<string> overrides)
    {
        var seed = new Option<int?>("--seed") { Description = $"Seed of the network and of the patients' answers (default Reroute:Demo:Seed, {ClinicNetworkSpec.DefaultSeed})." };
        var dataDir = new Option<string?>("--data-dir") { Description = "An empty or new folder for the demo's SQLite store (default: a new folder under the system's temp folder)." };
        var urls = new Option<string?>("--urls") { Description = "Addresses the silo listens on (default Reroute:Silo:Urls, http://127.0.0.1:8080)." };
        var exit = new Option<bool>("--exit") { Description = "Stop after printing the summary instead of serving until Ctrl+C." };
        var command = new Command(
            "demo",
            "Show the main job: seed the demo clinic network (3 clinics, 40 providers, 800 patients, two weeks of appointments) "
            + "into a fresh store, take provider T001 away, let simulated patients answer their offers by link, SMS and IVR while "
            + "virtual time moves on, print the summary, and keep serving so the workflow can be inspected.")
        {
            seed, dataDir, urls, exit,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            // The demo's clock starts now and jumps from event to event; afterwards it runs on at real pace.
            var clock = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
            var folder = Path.GetFullPath(parseResult.GetValue(dataDir)
                ?? Path.Combine(Path.GetTempPath(), "reroute-demo-" + clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))));
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                await error.WriteLineAsync($"--data-dir {folder} is not empty: the demo needs a new or empty folder, so it never mixes with other data.");
                return ExitCodes.Usage;
            }

            var hostArgs = new List<string>(DemoDefaults) { $"--Reroute:Silo:DataDirectory={folder}", "--Reroute:Demo:SeedOnFirstStart=true" };
            if (parseResult.GetValue(seed) is { } chosen)
            {
                hostArgs.Add(string.Create(CultureInfo.InvariantCulture, $"--Reroute:Demo:Seed={chosen}"));
            }

            hostArgs.AddRange(overrides);
            if (parseResult.GetValue(urls) is { } addresses)
            {
                hostArgs.Add($"--urls={addresses}");
            }

            var (app, buildExit) = await SiloLaunch.BuildAsync([.. hostArgs], error, builder => ConfigureDemo(builder, clock));
            if (app is null)
            {
                return buildExit;
            }

            await using (app)
            {
                var startedAt = TimeProvider.System.GetTimestamp();
                if (await SiloLaunch.StartAsync(app, error, cancellationToken) is { } startExit)
                {
                    return startExit;
                }

                var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
                var address = new Uri(app.Urls.First().TrimEnd('/') + "/");
                var marker = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IDemoSeedGrain>(demo.Tenant).Get();
                if (marker is not { Stage: DemoSeedStage.Seeded })
                {
                    await error.WriteLineAsync($"The demo network could not be seeded into tenant {demo.Tenant} (stage {marker?.Stage.ToString() ?? "none"}); see the log above.");
                    await app.StopAsync(CancellationToken.None);
                    return ExitCodes.Storage;
                }

                using var http = new HttpClient { BaseAddress = address };
                var run = new DemoRun(app.Services, clock, http, demo);
                await DemoReport.IntroduceAsync(output, folder, demo, marker, clock.GetUtcNow());
                WorkflowView view;
                try
                {
                    view = await run.RunAsync(cancellationToken);
                }
                catch (DemoStuckException stuck)
                {
                    await error.WriteLineAsync(stuck.Message);
                    await app.StopAsync(CancellationToken.None);
                    return ExitCodes.Unavailable;
                }

                var token = app.Services.GetRequiredService<TokenIssuer>().Issue(ViewerSubject, [Roles.Scheduler], demo.Tenant);
                var passed = await DemoReport.SummarizeAsync(output, run, view, clock.GetUtcNow(), TimeProvider.System.GetElapsedTime(startedAt));
                await DemoReport.WhereToLookAsync(output, address, token, demo.Tenant, folder, view, parseResult.GetValue(exit));
                if (!parseResult.GetValue(exit))
                {
                    await ServeAsync(app, clock, cancellationToken);
                }

                await app.StopAsync(CancellationToken.None);
                return passed ? ExitCodes.Success : ExitCodes.Unavailable;
            }
        });
        return command;
    }

    private static void ConfigureDemo(WebApplicationBuilder builder, ManualTimeProvider clock)
    {
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // The patients are made up: their messages go to simulated inboxes and phones, never to a configured SMTP host
        // or SMS/IVR provider.
        builder.Services.RemoveAll<INotificationSender>();
        foreach (var channel in new[] { NotificationChannel.Email, NotificationChannel.Sms, NotificationChannel.Ivr })
        {
            builder.Services.AddSingleton<INotificationSender>(new SimulatedDelivery(channel));
        }

        // The simulated SMS and IVR replies come in through the signed webhooks; without a configured secret they get one
        // for this run.
        var secretKey = $"{NotificationOptions.Section}:{nameof(NotificationOptions.InboundWebhookSecret)}";
        if (string.IsNullOrEmpty(builder.Configuration[secretKey]))
        {
            builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(secretKey, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(WebhookSecretBytes)))]);
        }
    }

    // Until Ctrl+C, the virtual clock follows real time from where the demo left it, so offers still expire and tokens age.
    private static async Task ServeAsync(WebApplication app, ManualTimeProvider clock, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
        var last = TimeProvider.System.GetTimestamp();
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await ticks.WaitForNextTickAsync(stopping.Token))
            {
                var now = TimeProvider.System.GetTimestamp();
                clock.Advance(TimeProvider.System.GetElapsedTime(last, now));
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the host drains the silo.
        }
    }
}
