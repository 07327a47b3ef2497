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
        : this(appointments, CapacityLookup(capacities))
    {
    }

    /// <summary>
    /// Builds the problem asking <paramref name="remainingCapacity"/> once per distinct provider-day the candidates
    /// touch — far fewer questions than candidates, which is why capacities are read lazily rather than listed first.
    /// </summary>
    public AssignmentProblem(IReadOnlyList<AppointmentCandidates> appointments, Func<string, DateOnly, int> remainingCapacity)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(remainingCapacity);
        Appointments = appointments;

        // Providers become small integers first, so the per-candidate keys below hash without touching strings.
        var providerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var slotIndex = new Dictionary<(int, long), int>();
        var dayIndex = new Dictionary<(int, int), int>();
        var slotDay = new List<int>();
        var dayCapacity = new List<int>();
        Ranked = new ScoredCandidate[appointments.Count][];
        SlotOf = new int[appointments.Count][];
        var bestFirst = Comparer<ScoredCandidate>.Create(CandidateScorer.BestFirst);
        for (var i = 0; i < appointments.Count; i++)
        {
            var ranked = RankedCopy(appointments[i], bestFirst);
            var kept = new List<ScoredCandidate>(ranked.Length);
            var slots = new List<int>(ranked.Length);
            var taken = new HashSet<int>();
            foreach (var candidate in ranked)
            {
                var providerId = candidate.Slot.ProviderId;
                if (!providerIndex.TryGetValue(providerId, out var p))
                {
                    p = providerIndex.Count;
                    providerIndex[providerId] = p;
                }

                var date = ProviderCalendar.DayOf(candidate.Slot.Start);
                var dayKey = (p, date.DayNumber);
                if (!dayIndex.TryGetValue(dayKey, out var d))
                {
                    var remaining = remainingCapacity(providerId, date);
                    d = remaining > 0 ? dayCapacity.Count : -1;
                    dayIndex[dayKey] = d;
                    if (d >= 0)
                    {
                        dayCapacity.Add(remaining);
                    }
                }

                if (d < 0)
                {
                    continue;
                }

                var slotKey = (p, candidate.Slot.Start.UtcTicks);
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

    /// <summary>Remaining capacity straight from the providers' calendars; a provider not listed has none.</summary>
    public static Func<string, DateOnly, int> CapacityFromProviders(IReadOnlyList<ProviderProfile> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var calendars = providers.ToDictionary(static p => p.Id, static p => new ProviderCalendar(p), StringComparer.Ordinal);
        return (providerId, day) => calendars.TryGetValue(providerId, out var calendar) ? calendar.RemainingOn(day) : 0;
    }

    private static Func<string, DateOnly, int> CapacityLookup(IReadOnlyList<ProviderDayCapacity> capacities)
    {
        ArgumentNullException.ThrowIfNull(capacities);
        var capacityOf = new Dictionary<(string, DateOnly), int>();
        foreach (var capacity in capacities)
        {
            // The same provider-day given twice keeps the tighter figure.
            var key = (capacity.ProviderId, capacity.Day);
            capacityOf[key] = capacityOf.TryGetValue(key, out var known) ? Math.Min(known, capacity.Remaining) : capacity.Remaining;
        }

        return (providerId, day) => capacityOf.GetValueOrDefault((providerId, day));
    }

    /// <summary>Per appointment, its feasible candidates, best first, one per slot.</summary>
    public ScoredCandidate[][] Ranked { get; }

    /// <summary>Per appointment, the slot index of each ranked candidate.</summary>
    public int[][] SlotOf { get; }

    /// <summary>Per slot, its provider-day index.</summary>
    public int[] SlotDay { get; }

    /// <summary>Per provider-day, the appointments it can still take.</summary>
    public int[] DayCapacity { get; }

    public int SlotCount => SlotDay.Length;

    /// <summary>The appointment's own candidates, best first; already-ranked input (the scorer's) is only checked.</summary>
    private static ScoredCandidate[] RankedCopy(AppointmentCandidates appointment, IComparer<ScoredCandidate> bestFirst)
    {
        var own = new List<ScoredCandidate>(appointment.Candidates.Count);
        var sorted = true;
        foreach (var candidate in appointment.Candidates)
        {
            if (!string.Equals(candidate.AppointmentId, appointment.AppointmentId, StringComparison.Ordinal))
            {
                continue;
            }

            sorted = sorted && (own.Count == 0 || bestFirst.Compare(own[^1], candidate) <= 0);
            own.Add(candidate);
        }

        var ranked = own.ToArray();
        if (!sorted)
        {
            Array.Sort(ranked, bestFirst);
        }

        return ranked;
    }

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
