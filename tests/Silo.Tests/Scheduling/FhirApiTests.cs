using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

/// <summary>POST /api/fhir and GET /api/fhir/Appointment on the real silo: what is imported is read back through the API.</summary>
public sealed class FhirApiTests
{
    private static readonly string[] ClinicRecords = ["/api/providers/T001", "/api/providers/T002", "/api/patients/P1", "/api/patients/P2", "/api/appointments/A1", "/api/appointments/A2", "/api/appointments/A3"];

    [Fact]
    public async Task A_clinic_bundle_is_imported_and_its_providers_patients_and_appointments_read_back()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.EhrIntegration);

        using var response = await silo.PostAsync("/api/fhir", token, FhirBundles.Clinic().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.BodyAsync();
        Assert.Equal((16, 3, 0), (report.GetProperty("imported").GetInt32(), report.GetProperty("skipped").GetInt32(), report.GetProperty("invalid").GetInt32()));
        var entries = report.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(FhirBundles.ClinicEntries, entries.Select(static e => (e.GetProperty("resourceType").GetString()!, e.GetProperty("id").GetString()!)));
        Assert.Equal(
            [("SL5", "skipped"), ("ORG1", "skipped"), ("C1", "skipped")],
            entries.Where(static e => e.GetProperty("outcome").GetString() != "imported").Select(static e => (e.GetProperty("id").GetString(), e.GetProperty("outcome").GetString())));

        var t001 = await (await silo.GetAsync("/api/providers/T001", token)).BodyAsync();
        Assert.Equal(("PT", "C1", 8), (t001.GetProperty("discipline").GetString(), t001.GetProperty("clinicId").GetString(), t001.GetProperty("dailyCapacity").GetInt32()));
        Assert.Equal(2, t001.GetProperty("bookableSlots").GetArrayLength());
        Assert.Equal("2026-03-02T11:00:00-05:00", t001.GetProperty("bookedTimes")[0].GetProperty("start").GetString());
        Assert.Equal("busy-unavailable", t001.GetProperty("unavailability")[0].GetProperty("reason").GetString());
        Assert.Equal(["AETNA", "MEDICARE"], t001.GetProperty("acceptedPayers").EnumerateArray().Select(static p => p.GetString()));
        var p1 = await (await silo.GetAsync("/api/patients/P1", token)).BodyAsync();
        Assert.Equal(("es", 25d, "AETNA"), (p1.GetProperty("preferences").GetProperty("language").GetString(), p1.GetProperty("preferences").GetProperty("maxTravelDistanceKm").GetDouble(), p1.GetProperty("coveragePayerId").GetString()));
        Assert.Equal(12, p1.GetProperty("planOfCare").GetProperty("visitsAuthorized").GetInt32());
        Assert.Equal(("Email", "jane@example.org"), (p1.GetProperty("contact").GetProperty("preferredChannel").GetString(), p1.GetProperty("contact").GetProperty("email").GetString()));
        var a2 = (await (await silo.GetAsync("/api/appointments/A2", token)).BodyAsync()).GetProperty("appointment");
        Assert.Equal(("T002", "C1", "pending", "hand", "urgent"), (a2.GetProperty("providerId").GetString(), a2.GetProperty("clinicId").GetString(), a2.GetProperty("status").GetString(), a2.GetProperty("requiredSpecialty").GetString(), a2.GetProperty("priority").GetString()));
        var listed = await (await silo.GetAsync("/api/providers?clinic=C1", token)).BodyAsync();
        Assert.Equal(["T001", "T002"], listed.EnumerateArray().Select(static p => p.GetProperty("providerId").GetString()));
    }

    [Fact]
    public async Task A_bundle_sent_as_application_fhir_json_is_imported()
    {
        await using var silo = await TestSilo.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fhir")
        {
            Content = new StringContent(FhirBundles.Bundle(FhirBundles.Patient("P1", "NY")).ToJsonString(), System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new("Bearer", silo.Token(Roles.EhrIntegration));

        using var response = await silo.Client.SendAsync(request);

        Assert.Equal(1, (await response.BodyAsync()).GetProperty("imported").GetInt32());
        Assert.Equal("NY", (await (await silo.GetAsync("/api/patients/P1", silo.Token(Roles.Auditor))).BodyAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_invalid_patient_and_an_invalid_role_are_reported_and_absent_while_the_valid_entries_are_imported()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        var bundle = FhirBundles.Clinic();
        FhirBundles.Resource(bundle, "Patient", "P2")["address"]!.AsArray().Clear();
        FhirBundles.Resource(bundle, "PractitionerRole", "R-T002")["location"] = new JsonArray(new JsonObject { ["reference"] = "Organization/ORG1" });

        using var response = await silo.PostAsync("/api/fhir", token, bundle.ToJsonString());

        var entries = (await response.BodyAsync()).GetProperty("entries").EnumerateArray().ToDictionary(static e => e.GetProperty("id").GetString()!);
        Assert.Equal("invalid", entries["P2"].GetProperty("outcome").GetString());
        Assert.StartsWith("Patient.address[0].state: is required", entries["P2"].GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("PractitionerRole.location[0].reference: must refer to a Location (the clinic).", entries["R-T002"].GetProperty("problems")[0].GetString());
        Assert.All(["T002", "R-T002", "S-T002", "SL6", "A2"], id => Assert.Equal("invalid", entries[id].GetProperty("outcome").GetString()));
        Assert.All(["T001", "R-T001", "SL1", "P1", "A1", "A3"], id => Assert.Equal("imported", entries[id].GetProperty("outcome").GetString()));
        foreach (var absent in new[] { "/api/patients/P2", "/api/providers/T002", "/api/appointments/A2" })
        {
            await Problem.AssertAsync(await silo.GetAsync(absent, token), HttpStatusCode.NotFound);
        }

        foreach (var present in new[] { "/api/patients/P1", "/api/providers/T001", "/api/appointments/A1", "/api/appointments/A3" })
        {
            Assert.Equal(HttpStatusCode.OK, (await silo.GetAsync(present, token)).StatusCode);
        }

        Assert.Equal(["T001"], (await (await silo.GetAsync("/api/providers", token)).BodyAsync()).EnumerateArray().Select(static p => p.GetProperty("providerId").GetString()));
    }

    [Fact]
    public async Task An_appointment_whose_stored_status_cannot_change_that_way_is_refused_and_the_rest_imported()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        await silo.PostAsync("/api/fhir", token, FhirBundles.Clinic().ToJsonString()).ExpectSuccessAsync();
        var before = await silo.ReadAsync("/api/appointments/A3", token);
        var again = FhirBundles.Clinic();
        FhirBundles.Resource(again, "Appointment", "A3")["status"] = "booked";
        FhirBundles.Resource(again, "Appointment", "A1")["status"] = "arrived";

        using var response = await silo.PostAsync("/api/fhir", token, again.ToJsonString());

        var entries = (await response.BodyAsync()).GetProperty("entries").EnumerateArray().ToDictionary(static e => e.GetProperty("id").GetString()!);
        Assert.Equal("invalid", entries["A3"].GetProperty("outcome").GetString());
        Assert.Contains("is 'fulfilled' and may not become 'booked'", entries["A3"].GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await silo.ReadAsync("/api/appointments/A3", token));
        var a1 = await (await silo.GetAsync("/api/appointments/A1", token)).BodyAsync();
        Assert.Equal(["booked", "arrived"], a1.GetProperty("history").EnumerateArray().Select(static h => h.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task A_departure_recorded_through_the_API_survives_the_next_import_while_slot_unavailability_follows_the_bundle()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        await silo.PostAsync("/api/fhir", token, FhirBundles.Clinic().ToJsonString()).ExpectSuccessAsync();
        await silo.PostAsync("/api/providers/T001/unavailability", token, """{"start":"2026-03-09T00:00:00-05:00","end":"2026-03-21T00:00:00-05:00","reason":"departure"}""").ExpectSuccessAsync();
        var next = FhirBundles.Clinic();
        FhirBundles.Resource(next, "Slot", "SL4")["status"] = "free";

        await silo.PostAsync("/api/fhir", token, next.ToJsonString()).ExpectSuccessAsync();

        var t001 = await (await silo.GetAsync("/api/providers/T001", token)).BodyAsync();
        Assert.Equal(["departure"], t001.GetProperty("unavailability").EnumerateArray().Select(static u => u.GetProperty("reason").GetString()));
        Assert.Equal(3, t001.GetProperty("bookableSlots").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[""", HttpStatusCode.BadRequest)]
    [InlineData("""not json""", HttpStatusCode.BadRequest)]
    [InlineData("""{"resourceType":"Patient","id":"P1","address":[{"state":"NY"}]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"resourceType":"Bundle","type":"searchset","entry":[]}""", HttpStatusCode.UnprocessableEntity)]
    public async Task Malformed_JSON_is_a_400_and_a_document_that_is_not_an_importable_bundle_a_422_and_nothing_is_written(string body, HttpStatusCode status)
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);

        using var response = await silo.PostAsync("/api/fhir", token, body, idempotencyKey: "import-1");

        await Problem.AssertAsync(response, status);
        await Problem.AssertAsync(await silo.GetAsync("/api/patients/P1", token), HttpStatusCode.NotFound);
        using var retried = await silo.PostAsync("/api/fhir", token, FhirBundles.Clinic().ToJsonString(), idempotencyKey: "import-1");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode); // the refused request did not keep its key
    }

    [Fact]
    public async Task A_bundle_over_the_FHIR_limit_is_a_413_and_nothing_is_written()
    {
        await using var silo = await TestSilo.StartAsync(args: "--Reroute:Fhir:MaxBundleSize=4096");
        var token = silo.Token(Roles.Scheduler);
        var bundle = FhirBundles.Clinic().ToJsonString();
        Assert.True(bundle.Length > 4096);

        using var response = await silo.PostAsync("/api/fhir", token, bundle);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        foreach (var path in ClinicRecords)
        {
            await Problem.AssertAsync(await silo.GetAsync(path, token), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task The_FHIR_limit_replaces_the_silo_s_request_limit_for_bundles_only()
    {
        await using var silo = await TestSilo.StartAsync(args: "--Reroute:Silo:MaxRequestBodySize=4096");
        var token = silo.Token(Roles.Scheduler);
        var bundle = FhirBundles.Clinic();
        FhirBundles.Resource(bundle, "Organization", "ORG1")["name"] = new string('n', 8192);

        using var imported = await silo.PostAsync("/api/fhir", token, bundle.ToJsonString());
        using var put = await silo.PutAsync("/api/patients/P9", token, SchedulingApi.Patient("P9") with { CoveragePayerId = new string('x', 8192) });

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        await Problem.AssertAsync(put, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_same_import_with_the_same_idempotency_key_is_replayed_without_a_second_effect()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.EhrIntegration);
        var body = FhirBundles.Clinic().ToJsonString();

        using var first = await silo.PostAsync("/api/fhir", token, body, idempotencyKey: "nightly-2026-03-01");
        await silo.PostAsync("/api/appointments/A1/status", token, """{"status":"checked-in","reason":"front_desk"}""").ExpectSuccessAsync();
        using var retry = await silo.PostAsync("/api/fhir", token, body, idempotencyKey: "nightly-2026-03-01");
        using var other = await silo.PostAsync("/api/fhir", token, FhirBundles.Bundle(FhirBundles.Patient("P7", "NY")).ToJsonString(), idempotencyKey: "nightly-2026-03-01");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var a1 = await (await silo.GetAsync("/api/appointments/A1", token)).BodyAsync();
        Assert.Equal("checked-in", a1.GetProperty("appointment").GetProperty("status").GetString());
        await Problem.AssertAsync(other, HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await silo.GetAsync("/api/patients/P7", token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Readers_may_not_import_and_tenants_do_not_see_each_other_s_imports()
    {
        await using var silo = await TestSilo.StartAsync();
        var body = FhirBundles.Clinic().ToJsonString();

        using var auditor = await silo.PostAsync("/api/fhir", silo.Token(Roles.Auditor), body);
        using var imported = await silo.PostAsync("/api/fhir", silo.Token(Roles.Scheduler), body);
        using var otherTenant = await silo.GetAsync("/api/fhir/Appointment?practitioner=T001", silo.Token("bob", "clinic-2", Roles.Scheduler));

        await Problem.AssertAsync(auditor, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(0, (await otherTenant.BodyAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Appointments_are_searched_by_practitioner_patient_date_and_status_as_FHIR_resources()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        await silo.PostAsync("/api/fhir", token, FhirBundles.Clinic().ToJsonString()).ExpectSuccessAsync();

        Assert.Equal(["A3", "A1"], await SearchAsync(silo, token, "practitioner=T001"));
        Assert.Equal(["A1"], await SearchAsync(silo, token, "practitioner=Practitioner/T001&date=ge2026-03-01&date=lt2026-03-08"));
        Assert.Equal(["A3", "A1"], await SearchAsync(silo, token, "patient=P1"));
        Assert.Equal(["A3"], await SearchAsync(silo, token, "patient=P1&status=fulfilled,cancelled"));
        Assert.Equal(["A2"], await SearchAsync(silo, token, "patient=P2&practitioner=T002&status=pending"));
        Assert.Empty(await SearchAsync(silo, token, "patient=P2&practitioner=T001"));

        using var response = await silo.GetAsync("/api/fhir/Appointment?practitioner=T001&date=2026-03-02", token);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var bundle = await response.BodyAsync();
        Assert.Equal(("Bundle", "searchset", 1), (bundle.GetProperty("resourceType").GetString(), bundle.GetProperty("type").GetString(), bundle.GetProperty("total").GetInt32()));
        var entry = bundle.GetProperty("entry")[0];
        Assert.EndsWith("/api/fhir/Appointment/A1", entry.GetProperty("fullUrl").GetString(), StringComparison.Ordinal);
        var a1 = entry.GetProperty("resource");
        Assert.Equal(("Appointment", "A1", "booked", "2026-03-02T09:00:00-05:00", "2026-03-02T09:45:00-05:00"), (a1.GetProperty("resourceType").GetString(), a1.GetProperty("id").GetString(), a1.GetProperty("status").GetString(), a1.GetProperty("start").GetString(), a1.GetProperty("end").GetString()));
        Assert.Equal(["Patient/P1", "Practitioner/T001", "Location/C1"], a1.GetProperty("participant").EnumerateArray().Select(static p => p.GetProperty("actor").GetProperty("reference").GetString()));
        Assert.Equal("PT", a1.GetProperty("serviceType")[0].GetProperty("coding")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task One_appointment_is_read_as_a_FHIR_resource_and_unknown_ids_and_bad_searches_are_problems()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Auditor);
        await silo.PostAsync("/api/fhir", silo.Token(Roles.Scheduler), FhirBundles.Clinic().ToJsonString()).ExpectSuccessAsync();

        var a2 = await (await silo.GetAsync("/api/fhir/Appointment/A2", token)).BodyAsync();
        using var unknown = await silo.GetAsync("/api/fhir/Appointment/A9", token);
        using var noSubject = await silo.GetAsync("/api/fhir/Appointment?status=booked", token);
        using var badDate = await silo.GetAsync("/api/fhir/Appointment?practitioner=T001&date=next-week", token);
        using var unknownParameter = await silo.GetAsync("/api/fhir/Appointment?practitioner=T001&_count=5", token);

        Assert.Equal(("pending", "hand"), (a2.GetProperty("status").GetString(), a2.GetProperty("specialty")[0].GetProperty("coding")[0].GetProperty("code").GetString()));
        Assert.Contains("'A9' does not exist", (await Problem.AssertAsync(unknown, HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["practitioner"], (await Problem.AssertAsync(noSubject, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["date"], (await Problem.AssertAsync(badDate, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["_count"], (await Problem.AssertAsync(unknownParameter, HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Exported_appointments_import_into_another_tenant_and_export_the_same()
    {
        await using var silo = await TestSilo.StartAsync();
        var north = silo.Token("alice", "clinic-1", Roles.Scheduler);
        var south = silo.Token("bob", "clinic-2", Roles.Scheduler);
        await silo.PostAsync("/api/fhir", north, FhirBundles.Clinic().ToJsonString()).ExpectSuccessAsync();
        var exported = await ResourcesAsync(silo, north, "practitioner=T001");

        var bundle = FhirBundles.Bundle([.. exported.Select(static r => JsonNode.Parse(r.GetRawText())!.AsObject())]);
        using var imported = await silo.PostAsync("/api/fhir", south, bundle.ToJsonString());
        var again = await ResourcesAsync(silo, south, "practitioner=T001");

        Assert.Equal(2, (await imported.BodyAsync()).GetProperty("imported").GetInt32());
        Assert.Equal(exported.Select(WithoutMeta), again.Select(WithoutMeta));
    }

    private static async Task<string[]> SearchAsync(TestSilo silo, string token, string query) =>
        [.. (await ResourcesAsync(silo, token, query)).Select(static r => r.GetProperty("id").GetString()!)];

    private static async Task<List<JsonElement>> ResourcesAsync(TestSilo silo, string token, string query)
    {
        using var response = await silo.GetAsync($"/api/fhir/Appointment?{query}", token);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var bundle = await response.BodyAsync();
        Assert.Equal(bundle.GetProperty("total").GetInt32(), bundle.GetProperty("entry").GetArrayLength());
        return [.. bundle.GetProperty("entry").EnumerateArray().Select(static e => e.GetProperty("resource"))];
    }

    // meta.lastUpdated is when each tenant recorded the appointment, which differs by design.
    private static string WithoutMeta(JsonElement resource)
    {
        var node = JsonNode.Parse(resource.GetRawText())!.AsObject();
        node.Remove("meta");
        return node.ToJsonString();
    }
}
