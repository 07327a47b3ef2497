using Reroute.Runtime.Testing;

namespace Reroute.Runtime.Tests;

/// <summary>
/// This test assembly doubles as a silo process (<c>dotnet Reroute.Runtime.Tests.dll silo Key=Value…</c>) hosting the
/// test grains, so multi-process cluster tests can kill a real process. The test runner never calls it.
/// </summary>
public static class ClusterSiloProgram
{
    /// <summary>The first argument that makes this assembly a silo.</summary>
    public const string Verb = "silo";

    public static async Task<int> Main(string[] args)
        => args is [Verb, .. var settings]
            ? await ProcessSilo.RunAsync(settings, typeof(ClusterSiloProgram).Assembly)
            : 1;
}
