namespace Reroute.Benchmarks.Scheduling;

/// <summary>
/// The `workflows` suite: figures for rescheduling, written to bench-results/workflows.json: the decision core (filtering,
/// scoring, joint assignment at 500×200) and 1,000 concurrent end-to-end workflows on one SQLite silo.
/// </summary>
internal static class WorkflowsBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var results = new BenchResults("workflows");
        Console.WriteLine($"workflows benchmark: {Environment.ProcessorCount} cores, {(quick ? "quick" : "full")} run");

        AssignmentBenchmark.Run(results, quick);

        await WorkflowRun.RunAsync(results, quick);
        Console.WriteLine($"written {results.Write()}");
    }
}
