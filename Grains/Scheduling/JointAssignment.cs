using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// Stage 3b of rescheduling: all affected appointments of one trigger assigned together, optimally. The objective is
/// lexicographic: first as many appointments placed as possible (a patient rebooked beats any score difference; the
/// rest go to the waitlist), then the largest total score among those placements.
/// </summary>
/// <remarks>
/// <para>Why min-cost flow and not the Hungarian algorithm: each slot takes one appointment, but a provider also takes
/// at most its remaining daily capacity, which is usually less than its open slots that day. That is a limit on a
/// <i>set</i> of slots. Hungarian solves one-to-one problems and would need the capacity expressed by copying columns,
/// which works for interchangeable copies, not for distinct slot times sharing one daily budget. A flow network says
/// both exactly: source → appointment (1) → slot (1) → provider-day (remaining capacity) → sink.</para>
/// <para>Successive shortest paths push one unit per Dijkstra search, so a maximum flow is reached with the least cost
/// at every flow value: with cost = (best score − score) per assignment, that is exactly the lexicographic objective
/// above. Scores are scaled to integers (micro-points) so the search is exact; n appointments need at most n
/// searches over O(candidates) arcs.</para>
/// </remarks>
public static class JointAssignment
{
    /// <summary>Score resolution of the solver: a micro-point, far below any difference a weight can express.</summary>
    private const double ScoreScale = 1_000_000;

    /// <summary>The optimal joint assignment under slot and provider-day capacity.</summary>
    public static AssignmentResult Solve(
        IReadOnlyList<AppointmentCandidates> appointments, IReadOnlyList<ProviderDayCapacity> capacities, AssignmentOptions? options = null)
    {
        var problem = new AssignmentProblem(appointments, capacities);
        return problem.Result(Choose(problem), options ?? AssignmentOptions.Default);
    }

    /// <summary>The same, with remaining capacities read from the providers' profiles.</summary>
    public static AssignmentResult SolveForProviders(
        IReadOnlyList<AppointmentCandidates> appointments, IReadOnlyList<ProviderProfile> providers, AssignmentOptions? options = null)
        => Solve(appointments, ProviderCapacity.ForCandidates(appointments, providers), options);

    private static int[] Choose(AssignmentProblem problem)
    {
        var n = problem.Ranked.Length;
        const int Source = 0;
        const int Sink = 1;
        var firstAppointment = 2;
        var firstSlot = firstAppointment + n;
        var firstDay = firstSlot + problem.SlotCount;
        var network = new MinCostFlow(firstDay + problem.DayCount);

        long best = 0;
        foreach (var ranked in problem.Ranked)
        {
            if (ranked.Length > 0)
            {
                best = Math.Max(best, Scaled(ranked[0].Score.Total));
            }
        }

        var edgesOf = new int[n][];
        for (var i = 0; i < n; i++)
        {
            network.AddEdge(Source, firstAppointment + i, 1, 0);
            var ranked = problem.Ranked[i];
            edgesOf[i] = new int[ranked.Length];
            for (var k = 0; k < ranked.Length; k++)
            {
                // Non-negative: "points short of the best candidate anywhere"; every placement adds the same offset,
                // so among maximum placements the least cost is the greatest total score.
                var cost = best - Scaled(ranked[k].Score.Total);
                edgesOf[i][k] = network.AddEdge(firstAppointment + i, firstSlot + problem.SlotOf[i][k], 1, Math.Max(0, cost));
            }
        }

        for (var s = 0; s < problem.SlotCount; s++)
        {
            network.AddEdge(firstSlot + s, firstDay + problem.SlotDay[s], 1, 0);
        }

        for (var d = 0; d < problem.DayCount; d++)
        {
            network.AddEdge(firstDay + d, Sink, problem.DayCapacity[d], 0);
        }

        network.Run(Source, Sink);

        var chosen = new int[n];
        for (var i = 0; i < n; i++)
        {
            chosen[i] = Array.FindIndex(edgesOf[i], edge => network.FlowOn(edge) > 0);
        }

        return chosen;
    }

    private static long Scaled(double score) => (long)Math.Round(score * ScoreScale);
}
