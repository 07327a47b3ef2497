using Reroute.Silo.Cli;

namespace Reroute.Silo.Tests.Infrastructure;

/// <summary>Runs the silo's command line in-process, capturing what it writes.</summary>
internal static class SiloCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = SiloCommandLine.CreateInvocationConfiguration();
        configuration.Output = output;
        configuration.Error = error;
        var exitCode = await SiloCommandLine.InvokeAsync(args, configuration);
        return (exitCode, output.ToString(), error.ToString());
    }
}
