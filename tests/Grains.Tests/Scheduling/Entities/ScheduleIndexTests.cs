using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Scheduling.Entities;

/// <summary>The appointment indexes stay bounded: past the limit, the appointments that ended longest ago leave first.</summary>
public sealed class ScheduleIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Under_the_limit_nothing_is_dropped_and_an_unchanged_entry_asks_for_no_write()
    {
        var past = Entry("A1", -30);
        var index = ScheduleIndex.With([], [past], maxEntries: 3, Now)!;

        Assert.Equal([past], index);
        Assert.Null(ScheduleIndex.With(index, [past], maxEntries: 3, Now));
        Assert.Equal(AppointmentStatus.Cancelled, Assert.Single(ScheduleIndex.With(index, [past with { Status = AppointmentStatus.Cancelled }], 3, Now)!).Status);
    }

    [Fact]
    public void Over_the_limit_the_longest_ended_leave_first_and_coming_appointments_never_do()
    {
        IReadOnlyList<ScheduledAppointment> index = [Entry("old", -40), Entry("older", -50), Entry("soon", 2), Entry("later", 9)];

        var next = ScheduleIndex.With(index, [Entry("new", 5)], maxEntries: 4, Now)!;
        Assert.Equal(["later", "new", "old", "soon"], next.Select(static e => e.AppointmentId).Order(StringComparer.Ordinal));

        var future = ScheduleIndex.With(next, [Entry("f1", 20), Entry("f2", 21)], maxEntries: 2, Now)!;
        Assert.Equal(["f1", "f2", "later", "new", "soon"], future.Select(static e => e.AppointmentId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_providers_and_a_patients_index_keep_the_limit_on_the_silos_clock()
    {
        var options = EntitySilo.Options();
        options.Time = new ManualTimeProvider(Now);
        options.ConfigureServices = services => services.Configure<ScheduleIndexOptions>(o => o.MaxEntries = 3);
        await using var silo = await TestSilo.StartAsync(options);
        var provider = silo.Get<IProviderGrain>("T1");
        var patient = silo.Get<IPatientScheduleGrain>("P1");

        foreach (var days in new[] { -3, -1, -2, 4 })
        {
            await provider.TrackAppointment(Entry($"A{days}", days));
            await patient.TrackAppointment(Entry($"A{days}", days));
        }

        string[] kept = ["A-1", "A-2", "A4"];
        Assert.Equal(kept, (await provider.GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Select(static e => e.AppointmentId).Order(StringComparer.Ordinal));
        Assert.Equal(kept, (await patient.GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Select(static e => e.AppointmentId).Order(StringComparer.Ordinal));

        // Time moves on: the visit in 4 days is past, and the next write keeps the limit by dropping the oldest.
        silo.Time.Advance(TimeSpan.FromDays(10));
        await provider.TrackAppointments([Entry("B1", 12)]);
        Assert.Equal(["A-1", "A4", "B1"], (await provider.GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Select(static e => e.AppointmentId).Order(StringComparer.Ordinal));
    }

    private static ScheduledAppointment Entry(string id, int daysFromNow) => new()
    {
        AppointmentId = id,
        Start = Now.AddDays(daysFromNow),
        End = Now.AddDays(daysFromNow).AddHours(1),
        Status = AppointmentStatus.Booked,
    };
}
