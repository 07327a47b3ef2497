using System.Net;
using System.Text.Json;
using Reroute.Interfaces.Scheduling;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

/// <summary>The head-of-department queue over HTTP: a compliance finding escalates, a HOD's decision resumes the workflow.</summary>
public sealed class EscalationApiTests
{
    [Fact]
    public async Task A_head_of_departments_approval_over_the_API_resumes_the_workflow_and_other_roles_get_403()
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock());

        // Two slots each, so that the ranked alternatives reach the second provider.
        await WorkflowApi.SeedAsync(silo, appointments: 1, slotsPerProvider: 2);
        var token = silo.Token(Roles.Scheduler);
        var hod = silo.Token("hod-1", "clinic-1", Roles.HeadOfDepartment);
        var workflow = await (await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger())).BodyAsync();
        var id = workflow.GetProperty("workflowId").GetString()!;
        var appointment = workflow.GetProperty("appointments")[0].GetProperty("appointment");
        var firstOffer = appointment.GetProperty("offerIds")[0].GetString()!;
        var firstProvider = appointment.GetProperty("proposal").GetProperty("slot").GetProperty("providerId").GetString()!;
        var other = firstProvider == "T002" ? "T003" : "T002";

        // The other provider's license is suspended and the first one's calendar closes while the patient thinks it over.
        var otherProfile = await silo.ReadRecordAsync<ProviderProfile>($"/api/providers/{other}", token);
        await silo.PutAsync($"/api/providers/{other}", token, otherProfile with
        {
            Licenses = [.. otherProfile.Licenses.Select(static l => l with { Status = LicenseStatus.Suspended })],
        }).ExpectSuccessAsync();
        var firstProfile = await silo.ReadRecordAsync<ProviderProfile>($"/api/providers/{firstProvider}", token);
        await silo.PutAsync($"/api/providers/{firstProvider}", token, firstProfile with { BookableSlots = [] }).ExpectSuccessAsync();
        using var declined = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{await silo.LinkTokenAsync(token, "P1", firstOffer)}/decline", token: null);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);

        var escalated = await silo.ReadJsonAsync($"/api/workflows/{id}", token);
        Assert.Equal("escalated", escalated.GetProperty("appointments")[0].GetProperty("appointment").GetProperty("status").GetString());
        var open = Assert.Single((await silo.ReadJsonAsync("/api/escalations?status=open", silo.Token(Roles.Auditor))).EnumerateArray());
        var caseId = open.GetProperty("caseId").GetString()!;
        Assert.Equal((id, "A1", other), (open.GetProperty("workflowId").GetString(), open.GetProperty("appointmentId").GetString(),
            open.GetProperty("proposal").GetProperty("slot").GetProperty("providerId").GetString()));
        Assert.Contains(open.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("license_status", StringComparison.Ordinal));
        Assert.Equal("open", (await silo.ReadJsonAsync($"/api/escalations/{caseId}", token)).GetProperty("status").GetString());
        Assert.Empty((await silo.ReadJsonAsync("/api/escalations?status=resolved", token)).EnumerateArray());

        // A scheduler may read the queue but not decide; a bad decision or an unknown case is refused. Nothing changes.
        var approve = """{"action":"approve_provider","note":"license renewal filed"}""";
        var before = $"{await silo.ReadAsync($"/api/escalations/{caseId}", token)}\n{await silo.ReadAsync($"/api/workflows/{id}", token)}";
        using var scheduler = await silo.PostAsync($"/api/escalations/{caseId}", token, approve);
        await Problem.AssertAsync(scheduler, HttpStatusCode.Forbidden);
        using var badAction = await silo.PostAsync($"/api/escalations/{caseId}", hod, """{"action":"shrug"}""");
        Assert.Equal(["action"], (await Problem.AssertAsync(badAction, HttpStatusCode.BadRequest)).ErrorFields());
        using var unknown = await silo.PostAsync("/api/escalations/esc-unknown", hod, approve);
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(before, $"{await silo.ReadAsync($"/api/escalations/{caseId}", token)}\n{await silo.ReadAsync($"/api/workflows/{id}", token)}");

        using var resolved = await silo.PostAsync($"/api/escalations/{caseId}", hod, approve);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var decision = await resolved.BodyAsync();
        Assert.Equal("resolved", decision.GetProperty("status").GetString());
        Assert.Equal(("approve_provider", "hod-1"), (decision.GetProperty("resolution").GetProperty("action").GetString(),
            decision.GetProperty("resolution").GetProperty("resolvedBy").GetString()));

        var resumed = (await silo.ReadJsonAsync($"/api/workflows/{id}", token)).GetProperty("appointments")[0].GetProperty("appointment");
        Assert.Equal("offered", resumed.GetProperty("status").GetString());
        var approvedOffer = resumed.GetProperty("offerIds").EnumerateArray().Last().GetString()!;
        Assert.NotEqual(firstOffer, approvedOffer);
        Assert.Equal(other, (await silo.ReadJsonAsync($"/api/offers/{approvedOffer}", token)).GetProperty("slot").GetProperty("providerId").GetString());

        using var accepted = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{await silo.LinkTokenAsync(token, "P1", approvedOffer)}/accept", token: null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var done = await silo.ReadJsonAsync($"/api/workflows/{id}", token);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, done.GetProperty("summary").GetProperty("escalatedToHod").GetInt32());
        Assert.Single(done.GetProperty("compliance").GetProperty("approvedExceptions").EnumerateArray());
        Assert.Empty(done.GetProperty("compliance").GetProperty("violations").EnumerateArray());
        Assert.Equal(other, (await silo.ReadJsonAsync("/api/appointments/A1", token)).GetProperty("appointment").GetProperty("providerId").GetString());

        // Decided cases stay decided.
        using var twice = await silo.PostAsync($"/api/escalations/{caseId}", hod, """{"action":"cancel"}""");
        await Problem.AssertAsync(twice, HttpStatusCode.Conflict);
        Assert.Equal([caseId], (await silo.ReadJsonAsync("/api/escalations?status=resolved", token)).Ids("caseId"));
        Assert.Equal(JsonValueKind.Array, (await silo.ReadJsonAsync("/api/escalations", token)).ValueKind);
    }
}
