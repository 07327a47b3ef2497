using Microsoft.Extensions.Options;
using Reroute.Runtime.Persistence;

namespace Reroute.Silo.Cli;

/// <summary>
/// How a verb that starts the silo reports a failure to start: invalid options exit 78, a store that cannot be opened
/// exits 74, each with one line on standard error. One mapping for every such verb (run, simulate-mec, generate).
/// </summary>
internal static class StartupFailure
{
    /// <summary>Whether <paramref name="error"/> is a start-up failure this class reports.</summary>
    public static bool Is(Exception error) => error is OptionsValidationException or StorageStartupException;

    /// <summary>Writes the failure's line and returns its exit code.</summary>
    public static async Task<int> ReportAsync(Exception failure, TextWriter error)
    {
        switch (failure)
        {
            case OptionsValidationException options:
                await error.WriteLineAsync("Invalid configuration: " + string.Join(" ", options.Failures));
                return ExitCodes.Configuration;
            case StorageStartupException storage:
                await error.WriteLineAsync("Storage error: " + storage.Message);
                return ExitCodes.Storage;
            default:
                throw new ArgumentException("not a start-up failure", nameof(failure), failure);
        }
    }
}
