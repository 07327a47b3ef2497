using Microsoft.AspNetCore.Builder;
using Reroute.Silo.Options;

namespace Reroute.Silo.Cli;

/// <summary>
/// The two steps every verb that needs the silo takes — build the host, start it — with their failures reported the
/// same way: a configuration the guard rejects exits 78, invalid options exit 78, a store that cannot be opened exits 74,
/// each with one line on standard error.
/// </summary>
internal static class SiloLaunch
{
    /// <summary>Builds the host, or reports why its configuration is invalid.</summary>
    /// <returns>The host, or <see langword="null"/> and the exit code to return.</returns>
    public static async Task<(WebApplication? App, int ExitCode)> BuildAsync(string[] args, TextWriter error, Action<WebApplicationBuilder>? configure = null)
    {
        try
        {
            return (SiloHost.Build(args, configure), ExitCodes.Success);
        }
        catch (ConfigurationValidationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return (null, ExitCodes.Configuration);
        }
    }

    /// <summary>Starts the host, or reports why it could not start.</summary>
    /// <returns><see langword="null"/> once started, otherwise the exit code to return.</returns>
    public static async Task<int?> StartAsync(WebApplication app, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (StartupFailure.Is(ex))
        {
            return await StartupFailure.ReportAsync(ex, error);
        }
    }
}
