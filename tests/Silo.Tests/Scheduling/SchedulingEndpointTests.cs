using System.Net;
using Reroute.Interfaces.Scheduling;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

public sealed class SchedulingEndpointTests
{
    [Fact]
    public async Task A_provider_is_created_read_back_replaced_and_listed_by_clinic_and_discipline()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);

        using var created = await silo.PutAsync("/api/providers/T001", token, SchedulingApi.Provider());
        using var replaced = await silo.PutAsync("/api/providers/T001", token, SchedulingApi.Provider() with { DailyCapacity = 6 });
        using var other = await silo.PutAsync("/api/providers/T002", token, SchedulingApi.Provider("T002", discipline: "OT"));
        using var read = await silo.GetAsync("/api/providers/T001", token);
        using var listed = await silo.GetAsync("/api/providers?clinic=C1&discipline=PT", token);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (created.StatusCode, replaced.StatusCode, read.StatusCode));
        var body = await read.BodyAsync();
        Assert.Equal(6, body.GetProperty("dailyCapacity").GetInt32());
        Assert.Equal("C1", body.GetProperty("clinicId").GetString());
        Assert.Equal(["T001"], (await listed.BodyAsync()).EnumerateArray().Select(p => p.GetProperty("providerId").GetString()));
    }

    [Fact]
    public async Task Patients_and_appointments_round_trip_and_appointments_are_found_by_provider_and_window()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.EhrIntegration);

        using var patient = await silo.PutAsync("/api/patients/P1", token, SchedulingApi.Patient());
        foreach (var (id, day) in new[] { ("A1", 0), ("A2", 1), ("A3", 7) })
        {
            using var put = await silo.PutAsync($"/api/appointments/{id}", token, SchedulingApi.Appointment(id, dayOffset: day));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using var readPatient = await silo.GetAsync("/api/patients/P1", token);
        using var readAppointment = await silo.GetAsync("/api/appointments/A1", token);
        var from = Uri.EscapeDataString(SchedulingApi.Monday.ToString("O"));
        var to = Uri.EscapeDataString(SchedulingApi.Monday.AddDays(2).ToString("O"));
        using var window = await silo.GetAsync($"/api/appointments?provider=T001&from={from}&to={to}", token);

        Assert.Equal(HttpStatusCode.Created, patient.StatusCode);
        Assert.Equal("Monday", (await readPatient.BodyAsync()).GetProperty("preferences").GetProperty("preferredDays")[0].GetString());
        var record = await readAppointment.BodyAsync();
        Assert.Equal("booked", record.GetProperty("appointment").GetProperty("status").GetString());
        Assert.Equal("created", record.GetProperty("history")[0].GetProperty("reason").GetString());
        Assert.Equal(["A1", "A2"], (await window.BodyAsync()).EnumerateArray().Select(a => a.GetProperty("appointmentId").GetString()));
    }

    [Fact]
    public async Task Status_changes_follow_the_FHIR_lifecycle_and_an_illegal_one_is_a_409_that_changes_nothing()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        using var put = await silo.PutAsync("/api/appointments/A1", token, SchedulingApi.Appointment());

        using var checkedIn = await silo.PostAsync("/api/appointments/A1/status", token, new AppointmentStatusRequest { Status = AppointmentStatus.CheckedIn, Reason = "front_desk" });
        var before = await silo.ReadAsync("/api/appointments/A1", token);
        using var illegal = await silo.PostAsync("/api/appointments/A1/status", token, """{"status":"proposed","reason":"undo"}""");
        using var unknownStatus = await silo.PostAsync("/api/appointments/A1/status", token, """{"status":"teleported","reason":"x"}""");

        var record = await checkedIn.BodyAsync();
        Assert.Equal("checked-in", record.GetProperty("appointment").GetProperty("status").GetString());
        Assert.Equal("booked", record.GetProperty("history")[1].GetProperty("from").GetString());
        var problem = await Problem.AssertAsync(illegal, HttpStatusCode.Conflict);
        Assert.Contains("'proposed'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["status"], (await Problem.AssertAsync(unknownStatus, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await silo.ReadAsync("/api/appointments/A1", token));
    }

    [Fact]
    public async Task Waitlists_list_by_priority_and_entries_can_be_removed()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);

        using var low = await silo.PostAsync("/api/waitlists/C1/PT", token, new WaitlistEntryRequest { PatientId = "P1", Priority = 10 });
        using var high = await silo.PostAsync("/api/waitlists/C1/PT", token, new WaitlistEntryRequest { PatientId = "P2", Priority = 90 });
        using var removed = await silo.SendAsync(HttpMethod.Delete, "/api/waitlists/C1/PT/P1", token);
        using var removedAgain = await silo.SendAsync(HttpMethod.Delete, "/api/waitlists/C1/PT/P1", token);
        using var badPriority = await silo.PostAsync("/api/waitlists/C1/PT", token, new WaitlistEntryRequest { PatientId = "P3", Priority = 1000 });
        using var list = await silo.GetAsync("/api/waitlists/C1/PT", token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NoContent), (high.StatusCode, removed.StatusCode));
        await Problem.AssertAsync(removedAgain, HttpStatusCode.NotFound);
        Assert.Equal(["priority"], (await Problem.AssertAsync(badPriority, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["P2"], (await list.BodyAsync()).EnumerateArray().Select(e => e.GetProperty("patientId").GetString()));
    }

    [Fact]
    public async Task Knowledge_starts_at_the_defaults_updates_add_versions_and_invalid_weights_are_refused_by_field()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Admin);

        var initial = await (await silo.GetAsync("/api/knowledge", token)).BodyAsync();
        using var updated = await silo.PutAsync("/api/knowledge", token, SchedulingKnowledge.Default with { Weights = ScoringWeights.Default with { Continuity = 50 } });
        var after = await silo.ReadAsync("/api/knowledge", token);
        using var negative = await silo.PutAsync("/api/knowledge", token, """{"weights":{"continuity":-1}}""");
        using var history = await silo.GetAsync("/api/knowledge/history", token);

        Assert.Equal(0, initial.GetProperty("version").GetInt32());
        Assert.Equal(40, initial.GetProperty("knowledge").GetProperty("weights").GetProperty("continuity").GetDouble());
        Assert.Equal(1, (await updated.BodyAsync()).GetProperty("version").GetInt32());
        Assert.Equal(["weights.continuity"], (await Problem.AssertAsync(negative, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(after, await silo.ReadAsync("/api/knowledge", token));
        Assert.Equal([0, 1], (await history.BodyAsync()).EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Unavailability_is_added_to_a_known_provider_and_an_unknown_one_is_a_404()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        using var put = await silo.PutAsync("/api/providers/T001", token, SchedulingApi.Provider());
        var period = new UnavailabilityPeriod { Start = SchedulingApi.Monday, End = SchedulingApi.Monday.AddDays(5), Reason = "departure" };

        using var added = await silo.PostAsync("/api/providers/T001/unavailability", token, period);
        using var unknown = await silo.PostAsync("/api/providers/T404/unavailability", token, period);
        using var reversed = await silo.PostAsync("/api/providers/T001/unavailability", token, period with { End = period.Start.AddDays(-1) });

        Assert.Equal("departure", (await added.BodyAsync()).GetProperty("unavailability")[0].GetProperty("reason").GetString());
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(["end"], (await Problem.AssertAsync(reversed, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Single((await (await silo.GetAsync("/api/providers/T001", token)).BodyAsync()).GetProperty("unavailability").EnumerateArray());
    }

    [Fact]
    public async Task Records_written_through_the_API_are_there_after_the_silo_restarts()
    {
        using var data = new TempDirectory();
        string before;
        await using (var silo = await TestSilo.StartAsync(dataDirectory: data.Path))
        {
            var token = silo.Token(Roles.Scheduler);
            using var put = await silo.PutAsync("/api/appointments/A1", token, SchedulingApi.Appointment());
            using var status = await silo.PostAsync("/api/appointments/A1/status", token, new AppointmentStatusRequest { Status = AppointmentStatus.Cancelled, Reason = "provider_unavailable" });
            before = await silo.ReadAsync("/api/appointments/A1", token);
        }

        await using var restarted = await TestSilo.StartAsync(dataDirectory: data.Path);

        Assert.StartsWith("200 ", before, StringComparison.Ordinal);
        Assert.Equal(before, await restarted.ReadAsync("/api/appointments/A1", restarted.Token(Roles.Auditor)));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_scheduling_routes()
    {
        await using var silo = await TestSilo.StartAsync();

        var document = await (await silo.GetAsync("/openapi/v1.json")).BodyAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(static p => p.Name).ToList();
        Assert.Contains("/api/providers/{id}", paths);
        Assert.Contains("/api/appointments/{id}/status", paths);
        Assert.Contains("/api/waitlists/{clinic}/{discipline}", paths);
        Assert.Contains("/api/knowledge", paths);
    }
}
