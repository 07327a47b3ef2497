using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Reroute.Silo.Options;

namespace Reroute.Silo.Cli;

/// <summary>The silo's command line: no verb runs the silo; <c>token</c> mints a token; <c>init-dynamodb</c> creates tables; <c>generate</c> loads a generated clinic network; <c>demo</c> shows a provider's departure rescheduled end to end.</summary>
internal static class SiloCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the verb they name; returns the process exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= CreateInvocationConfiguration();
        if (!ConfigurationOverrides.TrySplit(args, out var commandLine, out var overrides, out var error))
        {
            await configuration.Error.WriteLineAsync(error);
            return ExitCodes.Usage;
        }

        return await Create(overrides).Parse(commandLine).InvokeAsync(configuration);
    }

    /// <summary>Creates the root command with its verbs; <paramref name="overrides"/> go to the host's configuration.</summary>
    public static RootCommand Create(IReadOnlyList<string> overrides)
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (overrides Reroute:Silo:Urls, default http://127.0.0.1:8080).",
        };

        var root = new RootCommand(
            "Reroute silo: hosts the grain runtime and the REST API. With no verb, runs the silo until Ctrl+C or SIGTERM.\n"
            + "Configuration comes from appsettings.json, then environment variables (REROUTE__SILO__DATADIRECTORY=/x), then\n"
            + "overrides on the command line (--Reroute:Silo:DataDirectory=/x, any verb). Unknown keys under Reroute: stop the silo.")
        {
            urls,
            TokenCommand.Create(overrides),
            InitDynamoDbCommand.Create(overrides),
            ReplayTraceCommand.Create(),
            SimulateMecCommand.Create(overrides),
            GenerateCommand.Create(overrides),
            DemoCommand.Create(overrides),
        };
        root.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, urls, overrides));
        return root;
    }

    /// <summary>
    /// How the verbs are invoked: System.CommandLine does not handle Ctrl+C itself, so that the host's console
    /// lifetime can drain the silo gracefully within Reroute:Silo:ShutdownTimeout.
    /// </summary>
    public static InvocationConfiguration CreateInvocationConfiguration() => new() { ProcessTerminationTimeout = null };

    private static async Task<int> RunAsync(ParseResult parseResult, Option<string?> urls, IReadOnlyList<string> overrides)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var hostArgs = overrides.ToList();
        if (parseResult.GetValue(urls) is { } addresses)
        {
            hostArgs.Add($"--urls={addresses}");
        }

        var (app, buildExit) = await SiloLaunch.BuildAsync([.. hostArgs], error);
        if (app is null)
        {
            return buildExit;
        }

        await using (app)
        {
            try
            {
                await app.RunAsync();
            }
            catch (Exception ex) when (StartupFailure.Is(ex))
            {
                return await StartupFailure.ReportAsync(ex, error);
            }
        }

        return ExitCodes.Success;
    }
}
