using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using static Reroute.Grains.Tests.Scheduling.AssignmentInstances;

namespace Reroute.Grains.Tests.Scheduling;

public sealed class JointAssignmentTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_joint_assignment_equals_exhaustive_search_on_small_random_instances(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 250; run++)
        {
            var (appointments, capacities) = AssignmentInstances.Random(random, maxAppointments: 6, maxSlots: 6);

            var joint = JointAssignment.Solve(appointments, capacities);
            var best = BruteForce(appointments, capacities);

            AssertFeasible(joint, appointments, capacities);
            Assert.Equal(best.Count, joint.AssignedCount);
            Assert.Equal(best.Total, joint.TotalScore, Tolerance);
        }
    }

    [Fact]
    public void The_joint_assignment_beats_greedy_where_two_patients_want_the_same_slot()
    {
        // A comes first and takes X at 09:00, the only slot B can use; jointly, A takes the nearly-as-good Y.
        var x = Slot("X", 0, 9);
        var y = Slot("Y", 0, 9);
        List<AppointmentCandidates> appointments =
        [
            new() { AppointmentId = "A", Priority = 2, Candidates = [Candidate("A", x, 100), Candidate("A", y, 90)] },
            new() { AppointmentId = "B", Priority = 1, Candidates = [Candidate("B", x, 80)] },
        ];
        List<ProviderDayCapacity> capacities = [Capacity("X", 0, 8), Capacity("Y", 0, 8)];

        var greedy = GreedyAssignment.Solve(appointments, capacities);
        var joint = JointAssignment.Solve(appointments, capacities);

        Assert.Equal((1, 100d), (greedy.AssignedCount, greedy.TotalScore));
        Assert.Equal((2, 170d), (joint.AssignedCount, joint.TotalScore));
        Assert.True(joint.TotalScore > greedy.TotalScore);
        Assert.Equal(y, joint.Appointments[0].Assigned?.Slot);
        Assert.Equal(x, joint.Appointments[1].Assigned?.Slot);
    }

    [Fact]
    public void The_joint_assignment_beats_greedy_where_a_provider_day_is_the_bottleneck()
    {
        // X has two open slots but room for one more appointment that day: two different slots, one shared budget.
        var x9 = Slot("X", 0, 9);
        var x11 = Slot("X", 0, 11);
        var y9 = Slot("Y", 0, 9);
        List<AppointmentCandidates> appointments =
        [
            new() { AppointmentId = "A", Priority = 5, Candidates = [Candidate("A", x9, 120), Candidate("A", y9, 110)] },
            new() { AppointmentId = "B", Priority = 1, Candidates = [Candidate("B", x11, 95)] },
        ];
        List<ProviderDayCapacity> capacities = [Capacity("X", 0, 1), Capacity("Y", 0, 3)];

        var greedy = GreedyAssignment.Solve(appointments, capacities);
        var joint = JointAssignment.Solve(appointments, capacities);

        AssertFeasible(greedy, appointments, capacities);
        AssertFeasible(joint, appointments, capacities);
        Assert.Equal(120d, greedy.TotalScore);
        Assert.Equal(205d, joint.TotalScore);
        Assert.True(joint.TotalScore > greedy.TotalScore);
    }

    [Fact]
    public void Capacity_is_never_exceeded_and_joint_places_at_least_as_many_as_greedy_on_larger_contended_instances()
    {
        var random = new Random(77);
        for (var run = 0; run < 60; run++)
        {
            var appointments = new List<AppointmentCandidates>();
            var slots = Enumerable.Range(0, 6).SelectMany(p => Enumerable.Range(0, 2).SelectMany(d => Enumerable.Range(8, 6).Select(h => Slot("P" + p, d, h)))).ToList();
            var capacities = Enumerable.Range(0, 6).SelectMany(p => Enumerable.Range(0, 2).Select(d => Capacity("P" + p, d, random.Next(0, 4)))).ToList();
            for (var a = 0; a < 40; a++)
            {
                var id = "A" + a;
                appointments.Add(new AppointmentCandidates
                {
                    AppointmentId = id,
                    Priority = random.NextDouble(),
                    Candidates = slots.Where(_ => random.NextDouble() < 0.3).Select(s => Candidate(id, s, Math.Round(random.NextDouble() * 160, 2))).ToList(),
                });
            }

            var joint = JointAssignment.Solve(appointments, capacities);
            var greedy = GreedyAssignment.Solve(appointments, capacities);

            AssertFeasible(joint, appointments, capacities);
            AssertFeasible(greedy, appointments, capacities);
            Assert.True(joint.AssignedCount >= greedy.AssignedCount);
            if (joint.AssignedCount == greedy.AssignedCount)
            {
                Assert.True(joint.TotalScore >= greedy.TotalScore - Tolerance, $"joint {joint.TotalScore} < greedy {greedy.TotalScore}");
            }
        }
    }

    [Fact]
    public void An_appointment_without_a_feasible_candidate_is_left_for_the_waitlist()
    {
        var full = Slot("X", 0, 9);
        var open = Slot("Y", 0, 9);
        List<AppointmentCandidates> appointments =
        [
            new() { AppointmentId = "none", Candidates = [] },
            new() { AppointmentId = "full-day", Candidates = [Candidate("full-day", full, 150)] },
            new() { AppointmentId = "placed", Candidates = [Candidate("placed", open, 10)] },
        ];

        var result = JointAssignment.Solve(appointments, [Capacity("X", 0, 0), Capacity("Y", 0, 1)]);

        Assert.Null(result.Appointments[0].Assigned);
        Assert.Null(result.Appointments[1].Assigned);
        Assert.Empty(result.Appointments[1].Alternatives);
        Assert.Equal(open, result.Appointments[2].Assigned?.Slot);
        Assert.Equal((1, 10d), (result.AssignedCount, result.TotalScore));
    }

    [Fact]
    public void Each_appointment_keeps_its_other_candidates_ranked_best_first()
    {
        var slots = Enumerable.Range(8, 8).Select(h => Slot("X", 0, h)).ToList();
        var candidates = slots.Select((s, i) => Candidate("A", s, 10 + (i * 7 % 5))).ToList();
        List<AppointmentCandidates> appointments = [new() { AppointmentId = "A", Candidates = candidates }];

        var result = JointAssignment.Solve(appointments, [Capacity("X", 0, 8)], new AssignmentOptions { MaxAlternatives = 5 });

        var only = Assert.Single(result.Appointments);
        Assert.Equal(candidates.Max(static c => c.Score.Total), only.Assigned!.Score.Total);
        Assert.Equal(5, only.Alternatives.Count);
        Assert.DoesNotContain(only.Assigned, only.Alternatives);
        Assert.True(only.Alternatives.Zip(only.Alternatives.Skip(1)).All(static p => p.First.Score.Total >= p.Second.Score.Total));
        Assert.Equal(
            candidates.Where(c => c != only.Assigned).OrderByDescending(static c => c.Score.Total).ThenBy(static c => c.Slot.Start).Take(5),
            only.Alternatives);
    }

    [Fact]
    public void Capacity_read_from_provider_profiles_counts_what_is_already_booked()
    {
        var scenario = SchedulingScenario.Passing();
        var provider = scenario.Provider with { DailyCapacity = 3 };
        var slots = CandidateFilter.SlotsOf(provider).ToList();
        List<AppointmentCandidates> appointments =
        [
            new() { AppointmentId = "A", Candidates = [Candidate("A", slots[0], 50), Candidate("A", slots[1], 40)] },
            new() { AppointmentId = "B", Candidates = [Candidate("B", slots[0], 45), Candidate("B", slots[1], 45)] },
        ];

        var capacities = ProviderCapacity.ForCandidates(appointments, [provider]);
        var result = JointAssignment.SolveForProviders(appointments, [provider]);

        var day = Assert.Single(capacities);
        Assert.Equal(1, day.Remaining);
        Assert.Equal(1, result.AssignedCount);
        Assert.Equal(50d, result.TotalScore);
    }

    [Fact]
    public void The_same_input_gives_the_same_assignment()
    {
        var (appointments, capacities) = AssignmentInstances.Random(new Random(9), maxAppointments: 6, maxSlots: 6);

        var first = JointAssignment.Solve(appointments, capacities);
        var second = JointAssignment.Solve(appointments, capacities);

        Assert.Equal(first.Appointments.Select(static a => a.Assigned), second.Appointments.Select(static a => a.Assigned));
    }
}
