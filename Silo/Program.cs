using Reroute.Silo.Cli;

namespace Reroute.Silo;

/// <summary>The silo executable.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        SiloCommandLine.InvokeAsync(args);
}
