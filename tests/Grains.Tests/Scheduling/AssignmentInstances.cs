using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Tests.Scheduling;

/// <summary>Builds assignment problems by hand or at random, and solves small ones by exhaustive search.</summary>
internal static class AssignmentInstances
{
    public static readonly DateOnly FirstDay = new(2026, 3, 5);

    public static CandidateSlot Slot(string provider, int day, int hour)
    {
        var start = new DateTimeOffset(FirstDay.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(-5));
        return new CandidateSlot { ProviderId = provider, Start = start, End = start.AddMinutes(45), ClinicId = "C-" + provider };
    }

    public static ScoredCandidate Candidate(string appointment, CandidateSlot slot, double score)
        => new() { AppointmentId = appointment, Slot = slot, Score = new CandidateScore { Total = score, Factors = [] } };

    public static ProviderDayCapacity Capacity(string provider, int day, int remaining)
        => new() { ProviderId = provider, Day = FirstDay.AddDays(day), Remaining = remaining };

    public static (List<AppointmentCandidates> Appointments, List<ProviderDayCapacity> Capacities) Random(
        Random random, int maxAppointments, int maxSlots)
    {
        var providers = random.Next(1, 4);
        var days = random.Next(1, 3);
        var allSlots = new List<CandidateSlot>();
        for (var p = 0; p < providers; p++)
        {
            for (var d = 0; d < days; d++)
            {
                for (var h = 8; h < 16; h++)
                {
                    allSlots.Add(Slot("P" + p, d, h));
                }
            }
        }

        var slots = allSlots.OrderBy(_ => random.Next()).Take(random.Next(1, maxSlots + 1)).ToList();
        var capacities = new List<ProviderDayCapacity>();
        for (var p = 0; p < providers; p++)
        {
            for (var d = 0; d < days; d++)
            {
                capacities.Add(Capacity("P" + p, d, random.Next(0, 4)));
            }
        }

        // Small integer scores make ties common, which is where a solver's bookkeeping goes wrong.
        var integerScores = random.Next(2) == 0;
        var appointments = new List<AppointmentCandidates>();
        var count = random.Next(1, maxAppointments + 1);
        for (var a = 0; a < count; a++)
        {
            var id = "A" + a;
            var candidates = slots
                .Where(_ => random.NextDouble() < 0.6)
                .Select(s => Candidate(id, s, integerScores ? random.Next(0, 5) * 10 : Math.Round(random.NextDouble() * 160, 3)))
                .ToList();
            appointments.Add(new AppointmentCandidates { AppointmentId = id, Priority = random.Next(0, 3), Candidates = candidates });
        }

        return (appointments, capacities);
    }

    /// <summary>The best (most placed, then highest total) assignment by trying every combination.</summary>
    public static (int Count, double Total) BruteForce(IReadOnlyList<AppointmentCandidates> appointments, IReadOnlyList<ProviderDayCapacity> capacities)
    {
        var remaining = capacities.ToDictionary(static c => (c.ProviderId, c.Day), static c => c.Remaining);
        var used = new HashSet<(string, DateTimeOffset)>();
        var best = (Count: -1, Total: double.NegativeInfinity);

        void Search(int i, int count, double total)
        {
            if (i == appointments.Count)
            {
                if (count > best.Count || (count == best.Count && total > best.Total))
                {
                    best = (count, total);
                }

                return;
            }

            Search(i + 1, count, total);
            foreach (var candidate in appointments[i].Candidates)
            {
                var slot = (candidate.Slot.ProviderId, candidate.Slot.Start);
                var day = (candidate.Slot.ProviderId, DateOnly.FromDateTime(candidate.Slot.Start.DateTime));
                if (used.Contains(slot) || remaining.GetValueOrDefault(day) <= 0)
                {
                    continue;
                }

                used.Add(slot);
                remaining[day]--;
                Search(i + 1, count + 1, total + candidate.Score.Total);
                remaining[day]++;
                used.Remove(slot);
            }
        }

        Search(0, 0, 0);
        return best;
    }

    /// <summary>Throws unless the result uses each slot once, stays within every provider-day's capacity and only assigns real candidates.</summary>
    public static void AssertFeasible(AssignmentResult result, IReadOnlyList<AppointmentCandidates> appointments, IReadOnlyList<ProviderDayCapacity> capacities)
    {
        var capacity = capacities.ToDictionary(static c => (c.ProviderId, c.Day), static c => c.Remaining);
        var assigned = result.Appointments.Where(static a => a.Assigned is not null).Select(static a => a.Assigned!).ToList();
        Assert.Equal(assigned.Count, result.AssignedCount);
        Assert.Equal(assigned.Sum(static a => a.Score.Total), result.TotalScore, 1e-6);
        Assert.Equal(assigned.Count, assigned.Select(static a => (a.Slot.ProviderId, a.Slot.Start)).Distinct().Count());
        foreach (var group in assigned.GroupBy(static a => (a.Slot.ProviderId, DateOnly.FromDateTime(a.Slot.Start.DateTime))))
        {
            Assert.True(group.Count() <= capacity.GetValueOrDefault(group.Key), $"{group.Key} takes {group.Count()} over a capacity of {capacity.GetValueOrDefault(group.Key)}");
        }

        Assert.Equal(appointments.Select(static a => a.AppointmentId), result.Appointments.Select(static a => a.AppointmentId));
        for (var i = 0; i < appointments.Count; i++)
        {
            if (result.Appointments[i].Assigned is { } chosen)
            {
                Assert.Contains(chosen, appointments[i].Candidates);
            }
        }
    }
}
