using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Client.Tests.Infrastructure;
using Reroute.Interfaces.Scheduling;
using Reroute.Silo.Security;
using RuntimeClock = Reroute.Runtime.Testing.ManualTimeProvider;

namespace Reroute.Client.Tests;

/// <summary>The rescheduling methods against the real silo on Kestrel, on a clock set to the network's "now".</summary>
public sealed partial class WorkflowClientTests
{
    [Fact]
    public async Task A_trigger_retried_after_a_lost_response_returns_the_workflow_it_started_and_starts_no_other()
    {
        await using var silo = await StartAsync();
        await SeedAsync(silo, appointments: 2);
        var handler = new LostResponseHandler(loseFirst: 1);
        using var http = new HttpClient(handler);
        var options = silo.Options(silo.Token(Roles.EhrIntegration));
        options.MaxRetryAttempts = 2;
        options.BaseDelay = TimeSpan.Zero;
        using var client = new RerouteClient(http, options);

        var result = await client.TriggerProviderUnavailableAsync(WorkflowNetwork.Departure);

        // The first attempt started the workflow and its answer was lost; the retry, under the same key, got that answer again.
        Assert.Equal(2, handler.Attempts.Count);
        Assert.Single(handler.Attempts.Select(a => a.IdempotencyKey).Distinct());
        Assert.NotNull(handler.Attempts[0].IdempotencyKey);
        Assert.Equal([(201, false), (201, true)], handler.Attempts.Select(a => (a.Status, a.Replayed)));
        Assert.True(result.Created);
        Assert.Equal(2, result.Workflow.Appointments.Count);
        var listed = Assert.Single(await client.ListWorkflowsAsync());
        Assert.Equal(result.Workflow.WorkflowId, listed.WorkflowId);

        // A separate trigger for the same window (another key) joins the running workflow.
        var again = await client.TriggerProviderUnavailableAsync(WorkflowNetwork.Departure with { Source = TriggerSource.Calendar });
        Assert.False(again.Created);
        Assert.Equal(result.Workflow.WorkflowId, again.Workflow.WorkflowId);
        Assert.Single(await client.ListWorkflowsAsync());
    }

    [Fact]
    public async Task Status_summary_audit_list_and_cancel_read_back_as_typed_records()
    {
        await using var silo = await StartAsync();
        await SeedAsync(silo, appointments: 2);
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.Scheduler)));
        var started = (await client.TriggerProviderUnavailableAsync(WorkflowNetwork.Departure, new RerouteCallOptions { IdempotencyKey = "ehr-msg-77" })).Workflow;

        var workflow = await client.GetWorkflowAsync(started.WorkflowId);
        Assert.Equal((WorkflowStatus.Running, WorkflowStage.PatientConsent), (workflow.Status, workflow.CurrentStage));
        Assert.Equal(WorkflowNetwork.Departure, workflow.Trigger);
        Assert.Equal(Enum.GetValues<WorkflowStage>(), workflow.Stages.Select(static s => s.Stage));
        Assert.Equal(["A1", "A2"], workflow.Appointments.Select(static a => a.Appointment.AppointmentId).Order(StringComparer.Ordinal));
        foreach (var entry in workflow.Appointments)
        {
            Assert.Equal(AffectedAppointmentStatus.Offered, entry.Appointment.Status);
            Assert.Equal("offer_sent", entry.Trail[^1].Event);
            var offer = await client.GetOfferAsync(entry.Appointment.OfferIds[^1]);
            Assert.Equal((OfferStatus.Open, entry.Appointment.PatientId, entry.Appointment.Proposal!.Slot), (offer.Status, offer.PatientId, offer.Slot));
        }

        var summary = await client.GetWorkflowSummaryAsync(started.WorkflowId);
        Assert.Equal((2, 2, 0), (summary.Summary.AppointmentsProcessed, summary.Summary.Open, summary.Summary.SuccessfullyReassigned));
        Assert.Contains("license_status", summary.Compliance.RulesChecked);
        Assert.Empty(summary.Compliance.Violations);

        var audit = await client.GetWorkflowAuditAsync(started.WorkflowId);
        Assert.True(audit.ChainIntact);
        Assert.Equal(workflow.WorkflowEvents.Count + workflow.Appointments.Sum(static a => a.Trail.Count), audit.Entries.Count);
        Assert.Equal(started.WorkflowId, Assert.Single(await client.ListWorkflowsAsync(WorkflowStatus.Running, limit: 5)).WorkflowId);

        var cancelled = await client.CancelWorkflowAsync(started.WorkflowId, "clinic closed the case");
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.Empty(await client.ListWorkflowsAsync(WorkflowStatus.Running));
        Assert.Equal(started.WorkflowId, Assert.Single(await client.ListWorkflowsAsync(WorkflowStatus.Cancelled)).WorkflowId);
        foreach (var entry in workflow.Appointments)
        {
            Assert.Equal(OfferStatus.Withdrawn, (await client.GetOfferAsync(entry.Appointment.OfferIds[^1])).Status);
        }

        Assert.Equal(WorkflowStatus.Cancelled, (await client.GetWorkflowSummaryAsync(started.WorkflowId)).Status);
        await Assert.ThrowsAsync<ArgumentException>(() => client.CancelWorkflowAsync(started.WorkflowId, " "));
    }

    [Fact]
    public async Task Unknown_ids_and_refused_triggers_become_typed_exceptions_naming_what_was_wrong_and_nothing_is_created()
    {
        await using var silo = await StartAsync();
        await SeedAsync(silo, appointments: 1);
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.Admin)));

        var missing = await Assert.ThrowsAsync<RerouteApiException>(() => client.GetWorkflowAsync("wf-missing"));
        Assert.Equal((HttpStatusCode.NotFound, "Workflow 'wf-missing' does not exist."), (missing.Status, missing.Problem.Detail));
        Assert.Equal("Not Found: Workflow 'wf-missing' does not exist. (HTTP 404)", missing.Message);
        foreach (var call in new Func<Task>[]
        {
            () => client.GetWorkflowSummaryAsync("wf-missing"),
            () => client.GetWorkflowAuditAsync("wf-missing"),
            () => client.CancelWorkflowAsync("wf-missing", "duplicate"),
            () => client.GetOfferAsync("off-missing"),
            () => client.ResolveEscalationAsync("esc-missing", EscalationAction.Waitlist),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<RerouteApiException>(call)).Status);
        }

        var inverted = await Assert.ThrowsAsync<RerouteApiException>(() => client.TriggerProviderUnavailableAsync(
            WorkflowNetwork.Departure with { Start = WorkflowNetwork.Departure.End, End = WorkflowNetwork.Departure.Start }));
        Assert.Equal(HttpStatusCode.BadRequest, inverted.Status);
        Assert.Equal(["end"], inverted.Problem.Errors!.Keys);
        var unknownProvider = await Assert.ThrowsAsync<RerouteApiException>(() => client.TriggerProviderUnavailableAsync(WorkflowNetwork.Departure with { ProviderId = "T999" }));
        Assert.Equal(HttpStatusCode.NotFound, unknownProvider.Status);
        Assert.Contains("T999", unknownProvider.Message, StringComparison.Ordinal);
        var badLimit = await Assert.ThrowsAsync<RerouteApiException>(() => client.ListWorkflowsAsync(limit: 0));
        Assert.Equal(["limit"], badLimit.Problem.Errors!.Keys);
        Assert.Empty(await client.ListWorkflowsAsync());
        Assert.Empty((await client.GetProviderAsync("T001")).Unavailability);
    }

    [Fact]
    public async Task An_escalation_is_listed_and_a_head_of_department_resolves_it_while_a_scheduler_gets_403()
    {
        await using var silo = await StartAsync();
        await SeedAsync(silo, appointments: 1, slotsPerProvider: 2);
        using var scheduler = new RerouteClient(silo.Options(silo.Token(Roles.Scheduler)));
        using var hod = new RerouteClient(silo.Options(silo.Token("hod-1", "clinic-1", Roles.HeadOfDepartment)));
        var started = (await scheduler.TriggerProviderUnavailableAsync(WorkflowNetwork.Departure)).Workflow;
        var first = started.Appointments[0].Appointment;
        var firstProvider = first.Proposal!.Slot.ProviderId;
        var other = firstProvider == "T002" ? "T003" : "T002";

        // The other provider's license lapses and the first one's calendar closes; the patient declines the first offer.
        var otherProfile = await scheduler.GetProviderAsync(other);
        await scheduler.UpsertProviderAsync(otherProfile with { Licenses = [.. otherProfile.Licenses.Select(static l => l with { Status = LicenseStatus.Suspended })] });
        await scheduler.UpsertProviderAsync(await scheduler.GetProviderAsync(firstProvider) with { BookableSlots = [] });
        await AnswerAsync(silo, first.PatientId, first.OfferIds[^1], "decline");

        var open = Assert.Single(await scheduler.ListEscalationsAsync(EscalationStatus.Open));
        Assert.Equal((started.WorkflowId, other), (open.WorkflowId, open.Proposal.Slot.ProviderId));
        var forbidden = await Assert.ThrowsAsync<RerouteApiException>(() => scheduler.ResolveEscalationAsync(open.CaseId, EscalationAction.ApproveProvider));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal(EscalationStatus.Open, Assert.Single(await scheduler.ListEscalationsAsync()).Status);

        var resolved = await hod.ResolveEscalationAsync(open.CaseId, EscalationAction.ApproveProvider, note: "renewal filed");
        Assert.Equal((EscalationStatus.Resolved, "hod-1", "renewal filed"), (resolved.Status, resolved.Resolution!.ResolvedBy, resolved.Resolution.Note));
        var resumed = (await scheduler.GetWorkflowAsync(started.WorkflowId)).Appointments[0].Appointment;
        Assert.Equal((AffectedAppointmentStatus.Offered, other), (resumed.Status, resumed.Proposal!.Slot.ProviderId));
        Assert.Equal(1, (await scheduler.GetWorkflowSummaryAsync(started.WorkflowId)).Summary.EscalatedToHod);
        var again = await Assert.ThrowsAsync<RerouteApiException>(() => hod.ResolveEscalationAsync(open.CaseId, EscalationAction.Cancel));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    private static Task<TestSilo> StartAsync() =>
        TestSilo.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(new RuntimeClock(WorkflowNetwork.Now)));

    private static async Task SeedAsync(TestSilo silo, int appointments, int slotsPerProvider = 6)
    {
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.Admin)));
        await client.PutAsync<SchedulingKnowledge, JsonElement>("api/knowledge", WorkflowNetwork.Knowledge, null, CancellationToken.None);
        foreach (var provider in WorkflowNetwork.Providers(appointments, slotsPerProvider))
        {
            await client.UpsertProviderAsync(provider);
        }

        foreach (var patient in WorkflowNetwork.Patients(appointments))
        {
            await client.UpsertPatientAsync(patient);
        }

        foreach (var appointment in WorkflowNetwork.Appointments(appointments))
        {
            await client.UpsertAppointmentAsync(appointment);
        }
    }

    // As the patient does: the link in the outbox message, answered without a bearer token.
    private static async Task AnswerAsync(TestSilo silo, string patientId, string offerId, string answer)
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/patients/{patientId}/messages");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", silo.Token(Roles.Scheduler));
        using var messages = await silo.Client.SendAsync(read);
        var body = JsonDocument.Parse(await messages.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Single(m => m.GetProperty("messageId").GetString() == offerId).GetProperty("body").GetString()!;
        using var answered = await silo.Client.PostAsync($"/api/offers/{AcceptLink().Match(body).Groups[1].Value}/{answer}", content: null);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [GeneratedRegex("/offers/([A-Za-z0-9_\\-.]+)\\?answer=accept", RegexOptions.CultureInvariant)]
    private static partial Regex AcceptLink();
}
