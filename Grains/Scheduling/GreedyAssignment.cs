using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// The baseline the joint assignment is measured against: appointments in priority order (highest first, then input
/// order), each taking its best candidate still free. Fast and simple, but an early appointment can take the one slot
/// a later one needed while an almost-as-good slot was there for it.
/// </summary>
public static class GreedyAssignment
{
    /// <summary>The greedy assignment under slot and provider-day capacity.</summary>
    public static AssignmentResult Solve(
        IReadOnlyList<AppointmentCandidates> appointments, IReadOnlyList<ProviderDayCapacity> capacities, AssignmentOptions? options = null)
        => Solve(new AssignmentProblem(appointments, capacities), options);

    private static AssignmentResult Solve(AssignmentProblem problem, AssignmentOptions? options)
    {
        var order = Enumerable.Range(0, problem.Ranked.Length)
            .OrderByDescending(i => problem.Appointments[i].Priority)
            .ThenBy(static i => i)
            .ToArray();
        var slotTaken = new bool[problem.SlotCount];
        var dayLeft = (int[])problem.DayCapacity.Clone();
        var chosen = new int[problem.Ranked.Length];
        Array.Fill(chosen, -1);
        foreach (var i in order)
        {
            for (var k = 0; k < problem.Ranked[i].Length; k++)
            {
                var slot = problem.SlotOf[i][k];
                var day = problem.SlotDay[slot];
                if (!slotTaken[slot] && dayLeft[day] > 0)
                {
                    slotTaken[slot] = true;
                    dayLeft[day]--;
                    chosen[i] = k;
                    break;
                }
            }
        }

        return problem.Result(chosen, options ?? AssignmentOptions.Default);
    }

    /// <summary>The same, with remaining capacities read from the providers' profiles.</summary>
    public static AssignmentResult SolveForProviders(
        IReadOnlyList<AppointmentCandidates> appointments, IReadOnlyList<ProviderProfile> providers, AssignmentOptions? options = null)
        => Solve(new AssignmentProblem(appointments, AssignmentProblem.CapacityFromProviders(providers)), options);
}
