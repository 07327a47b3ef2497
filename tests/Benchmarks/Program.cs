using Reroute.Benchmarks.Cluster;
using Reroute.Benchmarks.Routing;
using Reroute.Benchmarks.Runtime;
using Reroute.Benchmarks.Scheduling;

namespace Reroute.Benchmarks;

internal static class Program
{
    private static readonly Dictionary<string, Func<string[], Task>> Suites = new(StringComparer.OrdinalIgnoreCase)
    {
        ["runtime"] = RuntimeBenchmark.RunAsync,
        ["routing"] = RoutingBenchmark.RunAsync,
        ["workflows"] = WorkflowsBenchmark.RunAsync,
        ["cluster"] = ClusterBenchmark.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        // The cluster suite starts its silos as processes of this same program.
        if (args is [ClusterBenchmark.SiloVerb, .. var settings])
        {
            return await Reroute.Runtime.Testing.ProcessSilo.RunAsync(settings, typeof(Program).Assembly);
        }

        if (args.Length == 0 || !Suites.TryGetValue(args[0], out var suite))
        {
            Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/Benchmarks -- <{string.Join("|", Suites.Keys)}> [--quick]");
            return 1;
        }

#if DEBUG
        Console.Error.WriteLine("warning: a Debug build; figures are only meaningful with -c Release");
#endif
        await suite(args[1..]);
        return 0;
    }
}
