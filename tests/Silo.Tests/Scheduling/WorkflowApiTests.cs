using System.Net;
using System.Text.Json;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

/// <summary>POST /api/workflow/trigger and /api/workflows against the real silo, state read back through the API.</summary>
public sealed class WorkflowApiTests
{
    private static readonly string[] OfferedTrail =
        ["appointment_affected", "candidates_filtered", "candidates_ranked", "guardrails_checked", "offer_prepared", "offer_sent"];

    [Fact]
    public async Task A_trigger_starts_one_workflow_and_a_repeat_by_key_or_by_provider_window_returns_that_same_workflow()
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock());
        await WorkflowApi.SeedAsync(silo, appointments: 2);
        var token = silo.Token(Roles.Scheduler);

        using var created = await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger(), idempotencyKey: "ehr-event-1");
        using var replayed = await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger(), idempotencyKey: "ehr-event-1");
        using var sameWindow = await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger(source: "calendar"), idempotencyKey: "calendar-event-9");
        using var noKey = await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger(source: "admin"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.BodyAsync()).GetProperty("workflowId").GetString()!;
        Assert.Equal($"/api/workflows/{id}", created.Headers.Location?.OriginalString);

        // The replay is the first response again, marked as such; it starts nothing.
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal($"/api/workflows/{id}", replayed.Headers.Location?.OriginalString);
        Assert.Equal(id, (await replayed.BodyAsync()).GetProperty("workflowId").GetString());

        // Another trigger for the running window joins it.
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (sameWindow.StatusCode, noKey.StatusCode));
        Assert.Equal(id, (await sameWindow.BodyAsync()).GetProperty("workflowId").GetString());
        Assert.Equal(id, (await noKey.BodyAsync()).GetProperty("workflowId").GetString());
        Assert.Equal($"/api/workflows/{id}", sameWindow.Headers.Location?.OriginalString);

        var listed = await silo.ReadJsonAsync("/api/workflows", token);
        Assert.Equal([id], listed.Ids("workflowId"));
        Assert.Equal(2, listed[0].GetProperty("appointmentsProcessed").GetInt32());
        Assert.Equal(2, (await silo.ReadJsonAsync($"/api/workflows/{id}", token)).GetProperty("summary").GetProperty("appointmentsProcessed").GetInt32());
    }

    [Fact]
    public async Task A_workflow_shows_its_stages_each_appointment_with_its_trail_summary_compliance_and_verifying_audit()
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock());
        await WorkflowApi.SeedAsync(silo, appointments: 2);
        var token = silo.Token(Roles.Scheduler);
        using var created = await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger());

        var workflow = await silo.ReadJsonAsync(created.Headers.Location!.OriginalString, silo.Token(Roles.Auditor));

        Assert.Equal(("running", "patient_consent"), (workflow.GetProperty("status").GetString(), workflow.GetProperty("currentStage").GetString()));
        Assert.Equal(("T001", "ehr"), (workflow.GetProperty("trigger").GetProperty("providerId").GetString(), workflow.GetProperty("trigger").GetProperty("source").GetString()));
        Assert.Equal(
            ["trigger_detection", "candidate_filtering", "scoring_and_ranking", "quality_assurance", "patient_consent"],
            workflow.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).Take(5));
        var appointments = workflow.GetProperty("appointments").EnumerateArray().ToList();
        Assert.Equal(["A1", "A2"], appointments.Select(a => a.GetProperty("appointment").GetProperty("appointmentId").GetString()).Order(StringComparer.Ordinal));
        foreach (var entry in appointments)
        {
            var appointment = entry.GetProperty("appointment");
            Assert.Equal("offered", appointment.GetProperty("status").GetString());
            var proposal = appointment.GetProperty("proposal").GetProperty("slot").GetProperty("providerId").GetString();
            Assert.Contains(proposal, new[] { "T002", "T003" });
            Assert.Single(appointment.GetProperty("offerIds").EnumerateArray());
            Assert.Equal(OfferedTrail, entry.GetProperty("trail").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
            Assert.All(entry.GetProperty("trail").EnumerateArray(), e => Assert.Equal(appointment.GetProperty("appointmentId").GetString(), e.GetProperty("appointmentId").GetString()));
        }

        var summary = workflow.GetProperty("summary");
        Assert.Equal((2, 2, 0), (summary.GetProperty("appointmentsProcessed").GetInt32(), summary.GetProperty("open").GetInt32(), summary.GetProperty("successfullyReassigned").GetInt32()));
        Assert.Contains("license_status", workflow.GetProperty("compliance").GetProperty("rulesChecked").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(workflow.GetProperty("compliance").GetProperty("violations").EnumerateArray());
        Assert.NotEmpty(workflow.GetProperty("workflowEvents").EnumerateArray());

        var audit = await silo.ReadJsonAsync(created.Headers.Location.OriginalString + "/audit", token);
        Assert.True(audit.GetProperty("chainIntact").GetBoolean());
        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(static i => (long)i), entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(entries.Skip(1).Zip(entries), pair => Assert.Equal(pair.Second.GetProperty("hash").GetString(), pair.First.GetProperty("previousHash").GetString()));
    }

    [Fact]
    public async Task Cancelling_withdraws_the_offers_frees_the_window_and_the_list_filters_by_status()
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock());
        await WorkflowApi.SeedAsync(silo, appointments: 2);
        var token = silo.Token(Roles.Scheduler);
        var first = await (await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger())).BodyAsync();
        var id = first.GetProperty("workflowId").GetString()!;
        var offers = first.GetProperty("appointments").EnumerateArray()
            .Select(a => (Patient: a.GetProperty("appointment").GetProperty("patientId").GetString()!, Offer: a.GetProperty("appointment").GetProperty("offerIds")[0].GetString()!))
            .ToList();
        var link = await silo.LinkTokenAsync(token, offers[0].Patient, offers[0].Offer);

        using var noReason = await silo.PostAsync($"/api/workflows/{id}/cancel", token, "{}");
        Assert.Equal(["reason"], (await Problem.AssertAsync(noReason, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("running", (await silo.ReadJsonAsync($"/api/workflows/{id}", token)).GetProperty("status").GetString());

        using var cancelled = await silo.PostAsync($"/api/workflows/{id}/cancel", token, """{"reason":"clinic closed the case"}""");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.BodyAsync()).GetProperty("status").GetString());
        foreach (var (_, offer) in offers)
        {
            Assert.Equal("withdrawn", (await silo.ReadJsonAsync($"/api/offers/{offer}", token)).GetProperty("status").GetString());
        }

        // A withdrawn offer's link no longer books anything.
        using var late = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{link}/accept", token: null);
        await Problem.AssertAsync(late, HttpStatusCode.Gone);
        Assert.Equal("T001", (await silo.ReadJsonAsync("/api/appointments/A1", token)).GetProperty("appointment").GetProperty("providerId").GetString());

        // The window is free again: the same trigger now starts a new workflow.
        using var again = await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var second = (await again.BodyAsync()).GetProperty("workflowId").GetString()!;
        Assert.NotEqual(id, second);

        Assert.Equal([id], (await silo.ReadJsonAsync("/api/workflows?status=cancelled", token)).Ids("workflowId"));
        Assert.Equal([second], (await silo.ReadJsonAsync("/api/workflows?status=Running", token)).Ids("workflowId"));
        Assert.Empty((await silo.ReadJsonAsync("/api/workflows?status=completed", token)).EnumerateArray());
        Assert.Single((await silo.ReadJsonAsync("/api/workflows?limit=1", token)).EnumerateArray());
        Assert.Equal(2, (await silo.ReadJsonAsync("/api/workflows", token)).GetArrayLength());
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_and_bad_list_parameters_are_problems()
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock());
        var token = silo.Token(Roles.Scheduler);

        foreach (var path in new[] { "/api/workflows/wf-0000", "/api/workflows/wf-0000/audit", "/api/offers/off-0000", "/api/escalations/esc-0000" })
        {
            using var missing = await silo.GetAsync(path, token);
            Assert.Contains("does not exist", (await Problem.AssertAsync(missing, HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var cancelMissing = await silo.PostAsync("/api/workflows/wf-0000/cancel", token, """{"reason":"x"}""");
        await Problem.AssertAsync(cancelMissing, HttpStatusCode.NotFound);
        using var badId = await silo.GetAsync("/api/workflows/not%20an%20id", token);
        Assert.Equal(["id"], (await Problem.AssertAsync(badId, HttpStatusCode.BadRequest)).ErrorFields());
        using var badStatus = await silo.GetAsync("/api/workflows?status=paused", token);
        Assert.Equal(["status"], (await Problem.AssertAsync(badStatus, HttpStatusCode.BadRequest)).ErrorFields());
        using var badLimit = await silo.GetAsync("/api/workflows?limit=0", token);
        Assert.Equal(["limit"], (await Problem.AssertAsync(badLimit, HttpStatusCode.BadRequest)).ErrorFields());
        using var badEscalationStatus = await silo.GetAsync("/api/escalations?status=maybe", token);
        Assert.Equal(["status"], (await Problem.AssertAsync(badEscalationStatus, HttpStatusCode.BadRequest)).ErrorFields());
        using var auditorCancels = await silo.PostAsync("/api/workflows/wf-0000/cancel", silo.Token(Roles.Auditor), """{"reason":"x"}""");
        await Problem.AssertAsync(auditorCancels, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("end_before_start", HttpStatusCode.BadRequest, "end")]
    [InlineData("unknown_provider", HttpStatusCode.NotFound, null)]
    [InlineData("bad_source", HttpStatusCode.BadRequest, "source")]
    [InlineData("bad_type", HttpStatusCode.BadRequest, "type")]
    [InlineData("missing_provider", HttpStatusCode.BadRequest, "providerId")]
    [InlineData("unknown_field", HttpStatusCode.BadRequest, "priority")]
    [InlineData("malformed", HttpStatusCode.BadRequest, "$")]
    [InlineData("bad_provider_id", HttpStatusCode.BadRequest, "providerId")]
    public async Task A_bad_trigger_is_a_problem_naming_the_field_and_creates_nothing(string variant, HttpStatusCode status, string? field)
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock());
        await WorkflowApi.SeedAsync(silo, appointments: 1);
        var token = silo.Token(Roles.EhrIntegration);
        var valid = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(WorkflowApi.Trigger())!;
        string With(string name, object? value)
        {
            var copy = new Dictionary<string, object?>(valid.Select(p => KeyValuePair.Create(p.Key, (object?)p.Value))) { [name] = value };
            return JsonSerializer.Serialize(copy);
        }

        var body = variant switch
        {
            "end_before_start" => WorkflowApi.Trigger(start: WorkflowApi.At(10, 0), end: WorkflowApi.At(3, 0)),
            "unknown_provider" => WorkflowApi.Trigger(provider: "T999"),
            "bad_source" => WorkflowApi.Trigger(source: "fax"),
            "bad_type" => With("type", "provider_sick"),
            "missing_provider" => JsonSerializer.Serialize(valid.Where(p => p.Key != "providerId").ToDictionary()),
            "unknown_field" => With("priority", 1),
            "malformed" => "this is not JSON",
            "bad_provider_id" => WorkflowApi.Trigger(provider: "T/001"),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        var provider = await silo.ReadAsync("/api/providers/T001", token);

        using var response = await silo.PostAsync("/api/workflow/trigger", token, body, idempotencyKey: "retry-me");

        var problem = await Problem.AssertAsync(response, status);
        if (field is null)
        {
            Assert.Contains("T999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal([field], problem.ErrorFields());
        }

        Assert.Empty((await silo.ReadJsonAsync("/api/workflows", token)).EnumerateArray());
        Assert.Equal(provider, await silo.ReadAsync("/api/providers/T001", token));
        Assert.Equal("T001", (await silo.ReadJsonAsync("/api/appointments/A1", token)).GetProperty("appointment").GetProperty("providerId").GetString());

        // A refused request keeps neither the key nor the window: the corrected trigger under the same key starts the workflow.
        using var corrected = await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger(), idempotencyKey: "retry-me");
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task An_oversized_trigger_is_a_413_and_creates_nothing()
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock(), "--Reroute:Silo:MaxRequestBodySize=4096");
        await WorkflowApi.SeedAsync(silo, appointments: 1);
        var token = silo.Token(Roles.Scheduler);
        var body = JsonSerializer.Serialize(new
        {
            type = "provider_unavailable",
            providerId = "T001",
            start = WorkflowApi.At(3, 0),
            end = WorkflowApi.At(10, 0),
            reason = new string('r', 8192),
        });

        using var response = await silo.PostAsync("/api/workflow/trigger", token, body);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await silo.ReadJsonAsync("/api/workflows", token)).EnumerateArray());
    }
}
