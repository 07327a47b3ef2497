using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// The shared shape of the joint and the greedy assignment: each appointment's feasible candidates ranked best first,
/// each distinct slot (provider + start) indexed once, and each provider-day with the capacity it has left. A
/// candidate on a provider-day without capacity (or with none given) is not feasible and is dropped here.
/// </summary>
internal sealed class AssignmentProblem
{
    public AssignmentProblem(IReadOnlyList<AppointmentCandidates> appointments, IReadOnlyList<ProviderDayCapacity> capacities)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(capacities);
        Appointments = appointments;
        var capacityOf = new Dictionary<(string, DateOnly), int>();
        foreach (var capacity in capacities)
        {
            // The same provider-day given twice keeps the tighter figure.
            var key = (capacity.ProviderId, capacity.Day);
            capacityOf[key] = capacityOf.TryGetValue(key, out var known) ? Math.Min(known, capacity.Remaining) : capacity.Remaining;
        }

        var slotIndex = new Dictionary<(string, DateTimeOffset), int>();
        var dayIndex = new Dictionary<(string, DateOnly), int>();
        var slotDay = new List<int>();
        var dayCapacity = new List<int>();
        Ranked = new ScoredCandidate[appointments.Count][];
        SlotOf = new int[appointments.Count][];
        for (var i = 0; i < appointments.Count; i++)
        {
            var ranked = appointments[i].Candidates
                .Where(c => string.Equals(c.AppointmentId, appointments[i].AppointmentId, StringComparison.Ordinal))
                .Order(Comparer<ScoredCandidate>.Create(CandidateScorer.BestFirst))
                .ToList();
            var kept = new List<ScoredCandidate>(ranked.Count);
            var slots = new List<int>(ranked.Count);
            var taken = new HashSet<int>();
            foreach (var candidate in ranked)
            {
                var day = (candidate.Slot.ProviderId, ProviderCalendar.DayOf(candidate.Slot.Start));
                if (capacityOf.GetValueOrDefault(day) <= 0)
                {
                    continue;
                }

                if (!dayIndex.TryGetValue(day, out var d))
                {
                    d = dayIndex.Count;
                    dayIndex[day] = d;
                    dayCapacity.Add(capacityOf[day]);
                }

                var slotKey = (candidate.Slot.ProviderId, candidate.Slot.Start);
                if (!slotIndex.TryGetValue(slotKey, out var s))
                {
                    s = slotIndex.Count;
                    slotIndex[slotKey] = s;
                    slotDay.Add(d);
                }

                // The same slot listed twice for one appointment: the better-scored listing stands for it.
                if (taken.Add(s))
                {
                    kept.Add(candidate);
                    slots.Add(s);
                }
            }

            Ranked[i] = [.. kept];
            SlotOf[i] = [.. slots];
        }

        SlotDay = [.. slotDay];
        DayCapacity = [.. dayCapacity];
    }

    public IReadOnlyList<AppointmentCandidates> Appointments { get; }

    /// <summary>Per appointment, its feasible candidates, best first, one per slot.</summary>
    public ScoredCandidate[][] Ranked { get; }

    /// <summary>Per appointment, the slot index of each ranked candidate.</summary>
    public int[][] SlotOf { get; }

    /// <summary>Per slot, its provider-day index.</summary>
    public int[] SlotDay { get; }

    /// <summary>Per provider-day, the appointments it can still take.</summary>
    public int[] DayCapacity { get; }

    public int SlotCount => SlotDay.Length;

    public int DayCount => DayCapacity.Length;

    /// <summary>The result for a choice of ranked candidate per appointment (−1: unassigned).</summary>
    public AssignmentResult Result(int[] chosen, AssignmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var assignments = new AppointmentAssignment[Appointments.Count];
        var total = 0.0;
        var assigned = 0;
        for (var i = 0; i < Appointments.Count; i++)
        {
            var pick = chosen[i];
            var alternatives = new List<ScoredCandidate>(Math.Min(options.MaxAlternatives, Ranked[i].Length));
            for (var k = 0; k < Ranked[i].Length && alternatives.Count < options.MaxAlternatives; k++)
            {
                if (k != pick)
                {
                    alternatives.Add(Ranked[i][k]);
                }
            }

            ScoredCandidate? choice = null;
            if (pick >= 0)
            {
                choice = Ranked[i][pick];
                total += choice.Score.Total;
                assigned++;
            }

            assignments[i] = new AppointmentAssignment { AppointmentId = Appointments[i].AppointmentId, Assigned = choice, Alternatives = alternatives };
        }

        return new AssignmentResult { Appointments = assignments, AssignedCount = assigned, TotalScore = total };
    }
}
