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
        => Solve(new AssignmentProblem(appointments, capacities), options);

    private static AssignmentResult Solve(AssignmentProblem problem, AssignmentOptions? options)
        => problem.Result(Choose(problem), options ?? AssignmentOptions.Default);

    /// <summary>The same, with remaining capacities read from the providers' profiles.</summary>
    public static AssignmentResult SolveForProviders(
        IReadOnlyList<AppointmentCandidates> appointments, IReadOnlyList<ProviderProfile> providers, AssignmentOptions? options = null)
        => Solve(new AssignmentProblem(appointments, AssignmentProblem.CapacityFromProviders(providers)), options);

    private static int[] Choose(AssignmentProblem problem)
    {
        var n = problem.Ranked.Length;
        var chosen = new int[n];
        Array.Fill(chosen, -1);

        long best = 0;
        foreach (var ranked in problem.Ranked)
        {
            if (ranked.Length > 0)
            {
                best = Math.Max(best, Scaled(ranked[0].Score.Total));
            }
        }

        // Appointments that can never compete for a provider-day (different disciplines, distant clinics) are
        // independent problems; solving each apart keeps every shortest-path search inside its own part.
        foreach (var component in Components(problem))
        {
            SolveComponent(problem, component, best, chosen);
        }

        return chosen;
    }

    private static void SolveComponent(AssignmentProblem problem, List<int> appointments, long best, int[] chosen)
    {
        const int Source = 0;
        const int Sink = 1;
        var localSlot = new Dictionary<int, int>();
        var localDay = new Dictionary<int, int>();
        foreach (var i in appointments)
        {
            foreach (var slot in problem.SlotOf[i])
            {
                localSlot.TryAdd(slot, localSlot.Count);
                localDay.TryAdd(problem.SlotDay[slot], localDay.Count);
            }
        }

        var firstAppointment = 2;
        var firstSlot = firstAppointment + appointments.Count;
        var firstDay = firstSlot + localSlot.Count;
        var network = new MinCostFlow(firstDay + localDay.Count);
        var edgesOf = new int[appointments.Count][];
        for (var a = 0; a < appointments.Count; a++)
        {
            var i = appointments[a];
            network.AddEdge(Source, firstAppointment + a, 1, 0);
            var ranked = problem.Ranked[i];
            edgesOf[a] = new int[ranked.Length];
            for (var k = 0; k < ranked.Length; k++)
            {
                // Non-negative: "points short of the best candidate anywhere"; every placement adds the same offset,
                // so among maximum placements the least cost is the greatest total score.
                var cost = best - Scaled(ranked[k].Score.Total);
                edgesOf[a][k] = network.AddEdge(firstAppointment + a, firstSlot + localSlot[problem.SlotOf[i][k]], 1, Math.Max(0, cost));
            }
        }

        var slotToDay = new List<(int Node, int Edge, int Day)>(localSlot.Count);
        foreach (var (slot, local) in localSlot)
        {
            var day = localDay[problem.SlotDay[slot]];
            slotToDay.Add((firstSlot + local, network.AddEdge(firstSlot + local, firstDay + day, 1, 0), day));
        }

        var dayToSink = new int[localDay.Count];
        foreach (var (day, local) in localDay)
        {
            dayToSink[local] = network.AddEdge(firstDay + local, Sink, problem.DayCapacity[day], 0);
        }

        foreach (var (node, edge, day) in slotToDay)
        {
            network.SetExitPath(node, edge, dayToSink[day]);
        }

        network.Run(Source, Sink);
        for (var a = 0; a < appointments.Count; a++)
        {
            chosen[appointments[a]] = Array.FindIndex(edgesOf[a], edge => network.FlowOn(edge) > 0);
        }
    }

    /// <summary>Appointments grouped by the provider-days they could share (union–find), in input order.</summary>
    private static List<List<int>> Components(AssignmentProblem problem)
    {
        var n = problem.Ranked.Length;
        var parent = Enumerable.Range(0, n + problem.DayCount).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        for (var i = 0; i < n; i++)
        {
            foreach (var slot in problem.SlotOf[i])
            {
                var (a, b) = (Find(i), Find(n + problem.SlotDay[slot]));
                if (a != b)
                {
                    parent[a] = b;
                }
            }
        }

        var groups = new Dictionary<int, List<int>>();
        var order = new List<List<int>>();
        for (var i = 0; i < n; i++)
        {
            if (problem.SlotOf[i].Length == 0)
            {
                continue;
            }

            var root = Find(i);
            if (!groups.TryGetValue(root, out var group))
            {
                group = [];
                groups[root] = group;
                order.Add(group);
            }

            group.Add(i);
        }

        return order;
    }

    private static long Scaled(double score) => (long)Math.Round(score * ScoreScale);
}
