using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Runtime.Cluster;
using Reroute.Silo.Api;
using Reroute.Silo.Tests.Infrastructure;
using Reroute.Silo.Tests.Scheduling;
using Reroute.TestServers;
using Xunit.Abstractions;

namespace Reroute.Silo.Tests.Cluster;

/// <summary>
/// Three processes of the real silo executable in RabbitMQ cluster mode on DynamoDB (real RabbitMQ and dynalite), 200
/// rescheduling workflows answered by their patients through the SMS webhook and the offer links, and one silo killed
/// with SIGKILL while the answers are arriving.
/// </summary>
[Collection(nameof(SiloProcessCollection))]
public sealed class ClusterFailoverTests(RabbitMqServer broker, DynaliteServer dynalite, ITestOutputHelper output)
    : IClassFixture<RabbitMqServer>, IClassFixture<DynaliteServer>
{
    private const int Partitions = 16;
    private const int Clinics = 40;
    private const int DepartingPerClinic = 5;
    private const int Parallelism = 16;
    private static readonly string WorkflowType = GrainInterfaceRegistry.GrainTypeName(typeof(IReschedulingWorkflowGrain));
    // Bounds a hang, not waited out: on a quiet machine the workflows finish within a minute of the first answer.
    private static readonly TimeSpan AnswerDeadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Killing_one_of_three_silo_processes_mid_flight_loses_no_rescheduling_workflow_and_books_no_slot_twice()
    {
        var elapsed = Stopwatch.StartNew();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var storage = DynaliteTables.Args(dynalite, suffix);
        string[] auth = [$"--Reroute:Auth:SigningKeys:0={signingKey}", "--Reroute:Auth:DevelopmentKey=false"];
        using var cliData = new TempDirectory();
        var init = await SiloCli.RunAsync(["init-dynamodb", $"--Reroute:Silo:DataDirectory={cliData.Path}", .. storage]);
        Assert.True(init.ExitCode == 0, init.Error);
        var minted = await SiloCli.RunAsync(["token", "--role", "admin", "--tenant", ClusterClinicNetwork.Tenant, "--lifetime", "1h", $"--Reroute:Silo:DataDirectory={cliData.Path}", .. auth]);
        Assert.True(minted.ExitCode == 0, minted.Error);

        await using var gateway = await NotificationGateway.StartAsync();
        string[] settings =
        [
            .. storage,
            .. auth,
            .. gateway.SiloArgs(),
            "--Reroute:Cluster:Mode=RabbitMQ",
            $"--Reroute:Cluster:BrokerUri={broker.Uri}",
            $"--Reroute:Cluster:Name=wf-{suffix}",
            $"--Reroute:Cluster:Partitions={Partitions}",
            "--Reroute:Demo:SeedOnFirstStart=false",
            // Every silo must accept the links and webhooks the others signed.
            $"--Reroute:Workflow:LinkSigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--Reroute:Notifications:InboundWebhookSecret={WorkflowApi.WebhookSecret}",
            // An answer whose notification to the workflow died with its silo is found by the workflow's re-drive.
            "--Reroute:Workflow:ResumeInterval=00:00:02",
            // Two cores carry three silos, the broker, dynalite and the test: calls wait for the machine, not for a bug.
            "--Reroute:Runtime:CallTimeout=00:02:00",
            "--Logging:LogLevel:Default=Warning",
        ];
        var starting = new[] { "silo-a", "silo-b", "silo-c" }.Select(id => SiloExecutable.StartAsync(id, settings)).ToList();
        SiloExecutable[] silos = [];
        try
        {
            silos = await Task.WhenAll(starting);
            var api = new ClusterApi(silos, minted.Output.Trim());
            await OwnershipSettled(api, silos);
            output.WriteLine($"{elapsed.Elapsed.TotalSeconds:F1} s: three silos ready, partitions spread");

            var network = new ClusterClinicNetwork(DateTimeOffset.UtcNow, Clinics, DepartingPerClinic);
            await SeedAsync(api, network);
            output.WriteLine($"{elapsed.Elapsed.TotalSeconds:F1} s: seeded {network.Workflows} departing providers, {network.Appointments} appointments");

            var workflowIds = await TriggerAsync(api, network);
            output.WriteLine($"{elapsed.Elapsed.TotalSeconds:F1} s: {workflowIds.Count} workflows started over three silos");

            var victim = silos[2];
            var patients = new Patients(api, gateway, killAfterAnswers: network.Appointments / 3);
            var kill = KillWhenDue(api, victim, patients, workflowIds, elapsed);
            var final = await patients.PlayUntilCompletedAsync(workflowIds, AnswerDeadline);
            var (inFlightOnVictim, victimPartitions) = await kill;
            output.WriteLine($"{elapsed.Elapsed.TotalSeconds:F1} s: every workflow completed; {patients.Answers} answers, {api.Failures} requests failed or answered 5xx on the way");
            foreach (var note in api.FailureNotes.Concat(patients.Notes))
            {
                output.WriteLine("  " + note);
            }


            // The victim's partitions held running workflows when it died, so the failover had work to hand over.
            Assert.NotEmpty(victimPartitions);
            Assert.True(inFlightOnVictim > 0, "no running workflow lived on the killed silo's partitions");

            // The survivors own every partition between them.
            await OwnershipSettled(api, [.. silos.Where(static s => s.Alive)]);

            // Every workflow completed, none lost, none added: the tenant's list holds exactly these 200, all completed.
            var listed = await api.GetAsync<List<WorkflowListing>>("/api/workflows?limit=1000");
            Assert.Equal(workflowIds.Order(StringComparer.Ordinal), listed.Select(static w => w.WorkflowId).Order(StringComparer.Ordinal));
            Assert.All(listed, static w => Assert.Equal(WorkflowStatus.Completed, w.Status));
            Assert.All(final.Values, static w =>
            {
                Assert.Equal(WorkflowStatus.Completed, w.Status);
                Assert.Equal(0, w.Summary.Open);
                Assert.Empty(w.Compliance.Violations);
            });
            var affected = final.Values.SelectMany(static w => w.Appointments.Select(static t => t.Appointment)).ToList();
            Assert.Equal(network.Visits().Select(static v => v.Appointment.Id).Order(StringComparer.Ordinal), affected.Select(static a => a.AppointmentId).Order(StringComparer.Ordinal));
            Assert.All(affected, static a => Assert.Contains(a.Status, (AffectedAppointmentStatus[])[AffectedAppointmentStatus.Rebooked, AffectedAppointmentStatus.Waitlisted]));
            var audits = await Parallel(workflowIds, id => api.GetAsync<JsonElement>($"/api/workflows/{id}/audit"));
            Assert.All(audits, static a => Assert.True(a.GetProperty("chainIntact").GetBoolean()));

            await AssertEachMoveBookedOnceAsync(api, network, affected, [.. final.Values]);
            output.WriteLine($"{elapsed.Elapsed.TotalSeconds:F1} s: {inFlightOnVictim} workflows were running on the killed silo's {victimPartitions.Count} partitions; "
                + $"{affected.Count(static a => a.Status == AffectedAppointmentStatus.Rebooked)} appointments rebooked, {affected.Count(static a => a.Status == AffectedAppointmentStatus.Waitlisted)} waitlisted, "
                + $"{final.Values.Sum(static w => w.Summary.Declined)} offers declined");
        }
        catch
        {
            foreach (var silo in silos)
            {
                output.WriteLine($"--- {silo.SiloId} ({(silo.Alive ? "alive" : "killed")}):\n{silo.Output}");
            }

            throw;
        }
        finally
        {
            // Those that started, even when another did not.
            foreach (var silo in starting.Where(static t => t.IsCompletedSuccessfully).Select(static t => t.Result))
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static async Task SeedAsync(ClusterApi api, ClusterClinicNetwork network)
    {
        await api.PutAsync("/api/knowledge", network.Knowledge);
        await Parallel(network.Providers().ToList(), p => api.PutAsync($"/api/providers/{p.Id}", p));
        await Parallel(network.Visits().ToList(), async v =>
        {
            await api.PutAsync($"/api/patients/{v.Patient.Id}", v.Patient);
            await api.PutAsync($"/api/appointments/{v.Appointment.Id}", v.Appointment);
        });
    }

    private static async Task<List<string>> TriggerAsync(ClusterApi api, ClusterClinicNetwork network)
    {
        var started = await Parallel(network.DepartingProviders().ToList(), async provider =>
        {
            using var response = await api.TrySendAsync(HttpMethod.Post, "/api/workflow/trigger", network.TriggerFor(provider), "trigger-" + provider);
            Assert.NotNull(response);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"trigger {provider}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.BodyAsync()).GetProperty("workflowId").GetString()!;
        });
        Assert.Equal(network.Workflows, started.Distinct(StringComparer.Ordinal).Count());
        return [.. started];
    }

    // Kills the victim once a third of the answers are in, while the rest are arriving; returns how many still-running
    // workflows lived on its partitions then, and those partitions.
    private static async Task<(int InFlight, IReadOnlyList<int> Partitions)> KillWhenDue(
        ClusterApi api, SiloExecutable victim, Patients patients, IReadOnlyList<string> workflowIds, Stopwatch elapsed)
    {
        await patients.KillDue;
        var owned = (await api.GetAsync<ClusterSnapshot>("/api/cluster", victim)).OwnedPartitions;
        var map = new PartitionMap(Partitions);
        var running = workflowIds.Where(id => !patients.Completed(id)).ToList();
        var onVictim = running.Count(id => owned.Contains(map.PartitionOf(new GrainId(WorkflowType, SchedulingKeys.Of(ClusterClinicNetwork.Tenant, id)))));
        victim.Kill();
        var killedAt = elapsed.Elapsed;
        patients.Note($"{killedAt.TotalSeconds:F1} s: killed {victim.SiloId} while {running.Count} workflows were not seen completed yet, {onVictim} of them on its partitions");
        await OwnershipSettled(api, api.Alive);
        patients.Note($"{elapsed.Elapsed.TotalSeconds:F1} s: the survivors own all {Partitions} partitions, {(elapsed.Elapsed - killedAt).TotalSeconds:F1} s after the kill");
        return (onVictim, owned);
    }

    // Each rebooked appointment sits at its new slot exactly once; no provider has two appointments, or a booking
    // without its appointment, in one slot; the departing providers keep only the visits that were waitlisted.
    private async Task AssertEachMoveBookedOnceAsync(
        ClusterApi api, ClusterClinicNetwork network, IReadOnlyList<AffectedAppointment> affected, IReadOnlyCollection<WorkflowDetail> workflows)
    {
        var rebooked = affected.Where(static a => a.Status == AffectedAppointmentStatus.Rebooked).ToList();
        var (from, to) = network.Window;
        var window = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        var staying = await Parallel(network.StayingProviders().ToList(), async id => (
            Id: id,
            Profile: await api.GetAsync<ProviderProfile>($"/api/providers/{id}"),
            Appointments: await api.GetAsync<List<ScheduledAppointment>>($"/api/appointments?provider={id}&{window}")));
        foreach (var (id, profile, appointments) in staying)
        {
            var live = appointments.Where(static a => a.Status != AppointmentStatus.Cancelled).ToList();
            Assert.True(live.DistinctBy(static a => a.Start).Count() == live.Count, $"provider {id} has two appointments in one slot: {string.Join(", ", live.Select(static a => $"{a.AppointmentId}@{a.Start:O}"))}");
            var orphans = profile.BookedTimes.Select(static t => t.Start).Except(live.Select(static a => a.Start)).ToList();
            Assert.True(orphans.Count == 0, $"provider {id} has slots booked without an appointment: " + string.Join("; ", orphans.Select(start =>
                $"{start:O} <- " + string.Join(" | ", workflows.SelectMany(static w => w.WorkflowEvents.Concat(w.Appointments.SelectMany(static t => t.Trail)).Select(e => (w.WorkflowId, Entry: e)))
                    .Where(x => x.Entry.Detail.Contains(id, StringComparison.Ordinal) && x.Entry.Detail.Contains(start.ToString("O"), StringComparison.Ordinal))
                    .OrderBy(static x => x.Entry.At)
                    .Select(static x => $"{x.WorkflowId} #{x.Entry.Sequence} {x.Entry.At:HH:mm:ss.fff} {x.Entry.Event} {x.Entry.AppointmentId}: {x.Entry.Detail}")))));
            Assert.Equal(live.Select(static a => a.Start).Order(), profile.BookedTimes.Select(static t => t.Start).Order());
        }

        var placed = staying.SelectMany(static s => s.Appointments.Select(a => (Provider: s.Id, a.AppointmentId, a.Start))).ToList();
        Assert.Equal(rebooked.Select(static a => a.AppointmentId).Order(StringComparer.Ordinal), placed.Select(static p => p.AppointmentId).Order(StringComparer.Ordinal));
        foreach (var appointment in rebooked)
        {
            var (provider, _, start) = Assert.Single(placed, p => p.AppointmentId == appointment.AppointmentId);
            Assert.Equal((appointment.Final!.ProviderId, appointment.Final.Start), (provider, start));
        }

        // A moved visit has left its departing provider's index; a waitlisted one is still there, as on the waitlist.
        var departing = await Parallel(network.DepartingProviders().ToList(), async id =>
            (Id: id, Appointments: await api.GetAsync<List<ScheduledAppointment>>($"/api/appointments?provider={id}&{window}")));
        Assert.Equal(
            affected.Where(static a => a.Status == AffectedAppointmentStatus.Waitlisted).Select(static a => a.AppointmentId).Order(StringComparer.Ordinal),
            departing.SelectMany(static d => d.Appointments).Select(static a => a.AppointmentId).Order(StringComparer.Ordinal));

        var records = await Parallel(rebooked, a => api.GetAsync<AppointmentRecord>($"/api/appointments/{a.AppointmentId}"));
        Assert.All(records, r =>
        {
            var final = rebooked.Single(a => a.AppointmentId == r.Appointment.Id).Final!;
            Assert.Equal((final.ProviderId, final.Start, AppointmentStatus.Booked), (r.Appointment.ProviderId, r.Appointment.Start, r.Appointment.Status));
        });
        output.WriteLine($"bookings checked: {placed.Count} appointments on {staying.Count} staying providers, {records.Count} moved records");
    }

    private static async Task OwnershipSettled(ClusterApi api, IReadOnlyList<SiloExecutable> silos)
    {
        var ids = silos.Select(static s => s.SiloId).Order(StringComparer.Ordinal).ToList();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var views = await Task.WhenAll(silos.Select(s => api.TryGetAsync<ClusterSnapshot>("/api/cluster", s)));
            if (views.All(v => v is not null && v.Members.Order(StringComparer.Ordinal).SequenceEqual(ids))
                && views.SelectMany(static v => v!.OwnedPartitions).Order().SequenceEqual(Enumerable.Range(0, Partitions)))
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{string.Join(", ", ids)} did not come to own all {Partitions} partitions between them: "
                    + string.Join("; ", views.Select(static v => v is null ? "no answer" : $"{v.SiloId}: members {string.Join(",", v.Members)}, owns {string.Join(",", v.OwnedPartitions)}")));
            }
        }
    }

    private static async Task<List<TResult>> Parallel<T, TResult>(IReadOnlyList<T> items, Func<T, Task<TResult>> body)
    {
        var results = new TResult[items.Count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (i, _) => results[i] = await body(items[i]));
        return [.. results];
    }

    private static Task Parallel<T>(IReadOnlyList<T> items, Func<T, Task> body) =>
        System.Threading.Tasks.Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, _) => await body(item));

    /// <summary>
    /// The patients: each round reads every running workflow, answers each open offer the way its patient answers (YES or
    /// NO by signed SMS once the gateway has the text, or the accept or decline link in the outbox message), and has a
    /// head of department approve any escalation.
    /// </summary>
    private sealed class Patients(ClusterApi api, NotificationGateway gateway, int killAfterAnswers)
    {
        private readonly TaskCompletionSource _killDue = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, WorkflowDetail> _completed = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _notes = new();
        private int _answers;

        public Task KillDue => _killDue.Task;

        public int Answers => _answers;

        public bool Completed(string workflowId) => _completed.ContainsKey(workflowId);

        public IEnumerable<string> Notes => _notes;

        public void Note(string line) => _notes.Enqueue(line);

        public async Task<IReadOnlyDictionary<string, WorkflowDetail>> PlayUntilCompletedAsync(IReadOnlyList<string> workflowIds, TimeSpan timeLeft)
        {
            var deadline = Stopwatch.StartNew();
            var latest = new ConcurrentDictionary<string, WorkflowDetail>(StringComparer.Ordinal);
            while (_completed.Count < workflowIds.Count)
            {
                var open = workflowIds.Where(id => !_completed.ContainsKey(id)).ToList();
                var before = _answers;
                await Parallel(open, async id =>
                {
                    if (await api.TryGetAsync<WorkflowDetail>($"/api/workflows/{id}") is not { } workflow)
                    {
                        return;
                    }

                    latest[id] = workflow;
                    if (workflow.Status != WorkflowStatus.Running)
                    {
                        _completed[id] = workflow;
                        return;
                    }

                    foreach (var appointment in workflow.Appointments.Select(static t => t.Appointment))
                    {
                        if (appointment.Status == AffectedAppointmentStatus.Offered)
                        {
                            await AnswerAsync(appointment);
                        }
                        else if (appointment is { Status: AffectedAppointmentStatus.Escalated, EscalationId: { } caseId })
                        {
                            using var _ = await api.TrySendAsync(HttpMethod.Post, $"/api/escalations/{caseId}", new { action = "approve_provider", note = "approved by the test's head of department" });
                        }
                    }
                });

                if (deadline.Elapsed > timeLeft)
                {
                    Assert.Fail($"{open.Count} workflows did not complete in time ({string.Join("; ", _notes)}):\n"
                        + string.Join("\n", open.Take(10).Select(id => latest.TryGetValue(id, out var w)
                            ? $"{id}: {w.Status} at {w.CurrentStage}; " + string.Join(", ", w.Appointments.Select(static t => $"{t.Appointment.AppointmentId} {t.Appointment.Status} offers [{string.Join(",", t.Appointment.OfferIds)}]"))
                            : $"{id}: never read")));
                }

                if (_answers == before && _completed.Count < workflowIds.Count)
                {
                    // Nothing to answer this round: the workflows are booking, or a failover is under way.
                    await Task.Delay(TimeSpan.FromMilliseconds(250));
                }
            }

            _killDue.TrySetResult();
            return _completed;
        }

        private async Task AnswerAsync(AffectedAppointment appointment)
        {
            var offerId = appointment.OfferIds[^1];
            if (await api.TryGetAsync<ConsentOffer>($"/api/offers/{offerId}") is not { Status: OfferStatus.Open } offer)
            {
                // Not opened yet, or answered and waiting for its workflow to settle it.
                return;
            }

            var accept = !(ClusterClinicNetwork.DeclinesFirstOffer(offer.PatientId) && appointment.OfferIds.Count == 1);
            HttpResponseMessage? response;
            if (ClusterClinicNetwork.UsesSms(offer.PatientId))
            {
                if (!gateway.Received.Any(m => m.Channel == "sms" && m.Body.GetProperty("messageId").GetString() == offerId))
                {
                    return;
                }

                var text = JsonSerializer.Serialize(new { from = ClusterClinicNetwork.PhoneOf(offer.PatientId), text = accept ? "YES" : "NO" });
                response = await api.TryPostAnonymousAsync($"/api/webhooks/{ClusterClinicNetwork.Tenant}/sms", text, WorkflowApi.Sign(text));
            }
            else
            {
                var messages = await api.TryGetAsync<List<OutboundMessage>>($"/api/patients/{offer.PatientId}/messages");
                if (messages?.FirstOrDefault(m => m.MessageId == offerId) is not { } message)
                {
                    return;
                }

                var token = WorkflowApi.AcceptLinkToken(message.Body);
                Assert.True(token is not null, $"no accept link in message {offerId}");
                response = await api.TryPostAnonymousAsync($"/api/offers/{token}/{(accept ? "accept" : "decline")}", "{}");
            }

            using (response)
            {
                if (response?.StatusCode == HttpStatusCode.OK && Interlocked.Increment(ref _answers) >= killAfterAnswers)
                {
                    _killDue.TrySetResult();
                }
            }
        }
    }
}
