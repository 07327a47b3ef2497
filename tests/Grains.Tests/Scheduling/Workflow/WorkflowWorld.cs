using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Grains.Tests.Scheduling.Entities;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Scheduling.Workflow;

/// <summary>
/// A small clinic network on a test silo: departing provider T001 with appointments A1..An on 4 March, replacement
/// providers T002 and T003 at a clinic nearby with open slots on 5 and 6 March, patients P1..Pn, the scenario's payer rule.
/// </summary>
internal static partial class WorkflowWorld
{
    public const string Tenant = EntitySilo.Tenant;

    public static readonly WorkflowTrigger Trigger = new()
    {
        ProviderId = "T001",
        Start = SchedulingScenario.At(3, 0),
        End = SchedulingScenario.At(10, 0),
        Reason = "departure",
        Source = TriggerSource.Ehr,
    };

    private static readonly string LinkKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Options for a silo; with <paramref name="durable"/>, on SQLite, and starting twice from them restarts on the same
    /// files. <paramref name="offerLifetime"/> replaces the default lifetime of offers.
    /// </summary>
    public static TestSiloOptions Options(bool durable = false, TimeSpan? offerLifetime = null)
    {
        var options = EntitySilo.Options(durable ? "Sqlite" : "Memory");
        options.Time = new ManualTimeProvider(SchedulingScenario.Now);
        options.ConfigureServices = services =>
        {
            services.AddRescheduling();
            services.Configure<WorkflowOptions>(o =>
            {
                o.LinkSigningKey = LinkKey;
                o.OfferLifetime = offerLifetime ?? o.OfferLifetime;
            });
        };
        return options;
    }

    public static ReschedulingDesk Desk(this TestSilo silo) => silo.Services.GetRequiredService<ReschedulingDesk>();

    public static IReschedulingWorkflowGrain Workflow(this TestSilo silo, string id) => silo.Get<IReschedulingWorkflowGrain>(id);

    /// <summary>Seeds one affected appointment and triggers its workflow; returns the workflow as it started.</summary>
    public static async Task<WorkflowView> TriggerOneAsync(TestSilo silo, int slotsPerProvider = 6)
    {
        await SeedAsync(silo, appointments: 1, slotsPerProvider);
        var (started, _) = await silo.Desk().TriggerAsync(Tenant, Trigger);
        return started;
    }

    /// <summary>Seeds the network with <paramref name="appointments"/> affected appointments.</summary>
    public static async Task SeedAsync(TestSilo silo, int appointments, int slotsPerProvider = 6)
    {
        var scenario = SchedulingScenario.Passing();
        await silo.GrainFactory.GetGrain<IKnowledgeGrain>(Tenant).Update(scenario.Knowledge);
        await silo.Get<IProviderGrain>("T001").Upsert(scenario.Provider with
        {
            Id = "T001",
            ClinicId = "C1",
            BookableSlots = [],
            BookedTimes = [.. Enumerable.Range(0, appointments).Select(i => Range(SchedulingScenario.At(4, 9 + i)))],
        });
        foreach (var (id, day) in new[] { ("T002", 5), ("T003", 6) })
        {
            await silo.Get<IProviderGrain>(id).Upsert(scenario.Provider with
            {
                Id = id,
                BookableSlots = [.. Enumerable.Range(0, slotsPerProvider).Select(i => Range(SchedulingScenario.At(day, 9 + i)))],
                BookedTimes = [],
            });
        }

        for (var i = 1; i <= appointments; i++)
        {
            await silo.Get<IPatientGrain>($"P{i}").Upsert(Patient(scenario, $"P{i}"));
            await silo.Get<IAppointmentGrain>($"A{i}").Upsert(scenario.Appointment with
            {
                Id = $"A{i}",
                PatientId = $"P{i}",
                Start = SchedulingScenario.At(4, 8 + i),
                End = SchedulingScenario.At(4, 8 + i).AddMinutes(45),
            });
        }
    }

    public static PatientProfile Patient(SchedulingScenario scenario, string id) => scenario.Patient with
    {
        Id = id,
        Contact = new PatientContact { PreferredChannel = NotificationChannel.Outbox, DisplayName = "Pat " + id },
    };

    public static TimeRange Range(DateTimeOffset start) => new() { Start = start, End = start.AddMinutes(45) };

    /// <summary>The nonce of the link in the offer's message, as a patient clicking it would send it.</summary>
    public static async Task<string> NonceFromMessage(TestSilo silo, string patientId, string offerId)
    {
        var message = await silo.Get<IOutboxGrain>(patientId).Get(offerId) ?? throw new InvalidOperationException($"no message {offerId}");
        var token = OfferLinks.FindToken(message.Body) ?? throw new InvalidOperationException($"no link in message {offerId}");
        return silo.Services.GetRequiredService<OfferLinks>().Verify(token)?.Nonce ?? throw new InvalidOperationException("the link does not verify");
    }

    public static Task<OfferReplyResult> Answer(TestSilo silo, string patientId, string offerId, OfferAnswer answer) =>
        AnswerWithNonce(silo, patientId, offerId, answer);

    private static async Task<OfferReplyResult> AnswerWithNonce(TestSilo silo, string patientId, string offerId, OfferAnswer answer) =>
        await silo.Desk().AnswerAsync(Tenant, offerId, new OfferReply { Answer = answer, Nonce = await NonceFromMessage(silo, patientId, offerId), Via = ReplyChannel.Link });

    /// <summary>Waits for work the runtime does after a clock move (reminder ticks run on their own), up to ten seconds.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
