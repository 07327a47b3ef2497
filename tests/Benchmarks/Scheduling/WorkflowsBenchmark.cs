namespace Reroute.Benchmarks.Scheduling;

/// <summary>
/// The `workflows` suite: figures for rescheduling, written to bench-results/workflows.json. Today only the decision
/// core (filtering, scoring, joint assignment) is measured; the end-to-end figures of issue 3 (1,000 concurrent
/// workflows on one silo) need the workflow grains and are recorded as not measured rather than guessed.
/// </summary>
internal static class WorkflowsBenchmark
{
    public static Task RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var results = new BenchResults("workflows");
        Console.WriteLine($"workflows benchmark: {Environment.ProcessorCount} cores, {(quick ? "quick" : "full")} run");

        AssignmentBenchmark.Run(results, quick);

        const string NotMeasured = "not measured yet: the workflow grains (issue 3, stages 1 and 5-7) do not exist; "
            + "workflows, appointments, wall_seconds, appointments_per_second, p50/p99_resolution_ms and peak_memory_mb come with them";
        results.Note("end_to_end_workflows", NotMeasured);
        Console.WriteLine($"  note: {NotMeasured}");
        Console.WriteLine($"written {results.Write()}");
        return Task.CompletedTask;
    }
}
