using System.Net;
using Reroute.Interfaces.Scheduling;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

/// <summary>Refused requests: the right problem, and nothing changed (every test reads the state back).</summary>
public sealed class SchedulingRejectionTests
{
    public static TheoryData<string, string[]> InvalidProviderBodies => new()
    {
        { "{\"id\":\"T001\",", ["$"] },
        { SchedulingApi.Json(SchedulingApi.Provider() with { DailyCapacity = -1, State = "ny" }), ["dailyCapacity", "state"] },
        { SchedulingApi.Json(SchedulingApi.Provider()).Replace("\"dailyCapacity\":8", "\"dailyCapacity\":\"many\"", StringComparison.Ordinal), ["dailyCapacity"] },
        { """{"id":"T001","clinicId":"C1","state":"NY","location":{"latitude":1,"longitude":2},"dailyCapacity":1}""", ["discipline"] },
        { SchedulingApi.Json(SchedulingApi.Provider()).Replace("\"dailyCapacity\"", "\"dailyCapcity\"", StringComparison.Ordinal), ["dailyCapcity"] },
        { SchedulingApi.Json(SchedulingApi.Provider()).Replace("\"clinicId\"", "\"clinicID\"", StringComparison.Ordinal), ["clinicID"] },
        { SchedulingApi.Json(SchedulingApi.Provider()).Replace("\"dailyCapacity\"", "\"DAILYCAPACITY\"", StringComparison.Ordinal), ["DAILYCAPACITY"] },
        { SchedulingApi.Json(SchedulingApi.Provider("T002")), ["id"] },
        { "null", ["$"] },
    };

    [Theory]
    [MemberData(nameof(InvalidProviderBodies))]
    public async Task An_invalid_provider_body_is_a_400_naming_the_field_and_the_stored_provider_is_unchanged(string body, string[] fields)
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        using var put = await silo.PutAsync("/api/providers/T001", token, SchedulingApi.Provider());
        var before = await silo.ReadAsync("/api/providers/T001", token);

        using var response = await silo.PutAsync("/api/providers/T001", token, body);

        Assert.Equal(fields, (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await silo.ReadAsync("/api/providers/T001", token));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_and_nothing_is_stored()
    {
        await using var silo = await TestSilo.StartAsync(args: "--Reroute:Silo:MaxRequestBodySize=2048");
        var token = silo.Token(Roles.Scheduler);
        var large = SchedulingApi.Patient() with { Preferences = new PatientPreferences { Language = new string('x', 4096) } };

        using var response = await silo.PutAsync("/api/patients/P1", token, large);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await Problem.AssertAsync(await silo.GetAsync("/api/patients/P1", token), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/providers/T404")]
    [InlineData("/api/patients/P404")]
    [InlineData("/api/appointments/A404")]
    public async Task An_unknown_id_is_a_404(string path)
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync(path, silo.Token(Roles.Scheduler));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_malformed_id_in_the_path_is_a_400_naming_it()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/providers/bad%20id", silo.Token(Roles.Scheduler));

        Assert.Equal(["id"], (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Without_a_token_401_with_the_wrong_role_403_and_auditors_may_read_but_not_write()
    {
        await using var silo = await TestSilo.StartAsync();
        using var put = await silo.PutAsync("/api/providers/T001", silo.Token(Roles.Scheduler), SchedulingApi.Provider());

        using var anonymous = await silo.GetAsync("/api/providers/T001");
        using var operatorRead = await silo.GetAsync("/api/providers/T001", silo.Token(Roles.Operator));
        using var hodWrite = await silo.PutAsync("/api/providers/T001", silo.Token(Roles.HeadOfDepartment), SchedulingApi.Provider() with { DailyCapacity = 1 });
        using var auditorRead = await silo.GetAsync("/api/providers/T001", silo.Token(Roles.Auditor));
        using var auditorWrite = await silo.PutAsync("/api/knowledge", silo.Token(Roles.Auditor), SchedulingKnowledge.Default);

        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(operatorRead, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(hodWrite, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(auditorWrite, HttpStatusCode.Forbidden);
        Assert.Equal(8, (await auditorRead.BodyAsync()).GetProperty("dailyCapacity").GetInt32());
        Assert.Equal(0, (await (await silo.GetAsync("/api/knowledge", silo.Token(Roles.Auditor))).BodyAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Tenants_do_not_see_each_others_records_and_a_token_without_a_tenant_is_refused()
    {
        await using var silo = await TestSilo.StartAsync();
        using var put = await silo.PutAsync("/api/providers/T001", silo.Token("alice", "clinic-1", Roles.Scheduler), SchedulingApi.Provider());

        using var otherTenant = await silo.GetAsync("/api/providers/T001", silo.Token("bob", "clinic-2", Roles.Scheduler));
        using var noTenant = await silo.GetAsync("/api/providers/T001", silo.Token("carol", null, Roles.Admin));

        await Problem.AssertAsync(otherTenant, HttpStatusCode.NotFound);
        await Problem.AssertAsync(noTenant, HttpStatusCode.Forbidden);
        Assert.Empty((await (await silo.GetAsync("/api/providers", silo.Token("bob", "clinic-2", Roles.Scheduler))).BodyAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_write_repeated_with_its_idempotency_key_replays_the_first_response_without_running_again()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        using var put = await silo.PutAsync("/api/appointments/A1", token, SchedulingApi.Appointment());
        var checkIn = new AppointmentStatusRequest { Status = AppointmentStatus.CheckedIn, Reason = "front_desk" };

        using var first = await silo.PostAsync("/api/appointments/A1/status", token, checkIn, "key-check-in");
        using var arrived = await silo.PostAsync("/api/appointments/A1/status", token, checkIn with { Status = AppointmentStatus.Arrived }, "key-arrived");
        // Run again, checking in an arrived patient would be an illegal transition (409); the key makes it a replay.
        using var retry = await silo.PostAsync("/api/appointments/A1/status", token, checkIn, "key-check-in");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var record = await (await silo.GetAsync("/api/appointments/A1", token)).BodyAsync();
        Assert.Equal("arrived", record.GetProperty("appointment").GetProperty("status").GetString());
        Assert.Equal(3, record.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_another_body_is_a_422_and_a_refused_request_does_not_keep_its_key()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        using var added = await silo.PostAsync("/api/waitlists/C1/PT", token, new WaitlistEntryRequest { PatientId = "P1", Priority = 10 }, "key-1");

        using var reused = await silo.PostAsync("/api/waitlists/C1/PT", token, new WaitlistEntryRequest { PatientId = "P2", Priority = 10 }, "key-1");
        using var refused = await silo.PostAsync("/api/waitlists/C1/PT", token, new WaitlistEntryRequest { PatientId = "P3", Priority = -1 }, "key-2");
        using var corrected = await silo.PostAsync("/api/waitlists/C1/PT", token, new WaitlistEntryRequest { PatientId = "P3", Priority = 5 }, "key-2");
        using var badKey = await silo.PostAsync("/api/waitlists/C1/PT", token, new WaitlistEntryRequest { PatientId = "P4", Priority = 5 }, "no spaces allowed");

        await Problem.AssertAsync(reused, HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(["Idempotency-Key"], (await Problem.AssertAsync(badKey, HttpStatusCode.BadRequest)).ErrorFields());
        var list = await (await silo.GetAsync("/api/waitlists/C1/PT", token)).BodyAsync();
        Assert.Equal(["P1", "P3"], list.EnumerateArray().Select(e => e.GetProperty("patientId").GetString()));
    }
}
