using System.Net;
using System.Text.Json;
using Reroute.Client.Tests.Infrastructure;
using Reroute.Interfaces.Scheduling;
using Reroute.Silo.Security;

namespace Reroute.Client.Tests;

/// <summary>The EHR integration's methods (records, FHIR import and export) against the real silo on Kestrel.</summary>
public sealed class SchedulingClientTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));

    private static readonly ProviderProfile Provider = new()
    {
        Id = "T001",
        Name = "Dr Test",
        Discipline = "PT",
        ClinicId = "C1",
        State = "NY",
        Location = new GeoLocation { Latitude = 40.73, Longitude = -73.99 },
        DailyCapacity = 8,
        Licenses = [new ProviderLicense { State = "NY", Status = LicenseStatus.Active, ExpiresOn = new DateOnly(2027, 6, 30) }],
        BookableSlots = [new TimeRange { Start = Monday, End = Monday.AddMinutes(45) }],
    };

    private static readonly PatientProfile Patient = new()
    {
        Id = "P1",
        State = "NY",
        Preferences = new PatientPreferences
        {
            PreferredDays = [DayOfWeek.Monday, DayOfWeek.Thursday],
            PreferredGender = AdministrativeGender.Female,
            PreferredTimes = [new TimeOfDayWindow { From = new TimeOnly(8, 0), To = new TimeOnly(12, 0) }],
        },
        PlanOfCare = new PlanOfCare { Discipline = "PT", VisitsAuthorized = 12, ExpiresOn = new DateOnly(2026, 6, 30) },
    };

    private static readonly Appointment Visit = new()
    {
        Id = "A1", PatientId = "P1", ProviderId = "T001", ClinicId = "C1", Discipline = "PT",
        Start = Monday, End = Monday.AddMinutes(45), Status = AppointmentStatus.Booked,
    };

    [Fact]
    public async Task Providers_patients_and_appointments_are_upserted_and_read_back_as_the_same_records()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.EhrIntegration)));

        var savedProvider = await client.UpsertProviderAsync(Provider);
        var savedPatient = await client.UpsertPatientAsync(Patient);
        var savedVisit = await client.UpsertAppointmentAsync(Visit);
        var movedVisit = await client.UpsertAppointmentAsync(Visit with { Status = AppointmentStatus.CheckedIn });

        Assert.Equal(Json(Provider), Json(savedProvider));
        Assert.Equal(Json(Provider), Json(await client.GetProviderAsync("T001")));
        Assert.Equal(Json(Patient), Json(savedPatient));
        Assert.Equal(Json(Patient), Json(await client.GetPatientAsync("P1")));
        Assert.Equal(Visit, savedVisit.Appointment);
        var read = await client.GetAppointmentAsync("A1");
        Assert.Equal(Visit with { Status = AppointmentStatus.CheckedIn }, read.Appointment);
        Assert.Equal([AppointmentStatus.Booked, AppointmentStatus.CheckedIn], read.History.Select(static h => h.To));
        Assert.Equal(Json(movedVisit), Json(read));
    }

    [Fact]
    public async Task Refusals_and_unknown_ids_become_exceptions_with_the_silo_s_problem_and_nothing_changes()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.Scheduler)));
        await client.UpsertAppointmentAsync(Visit with { Status = AppointmentStatus.Fulfilled });

        var unknown = await Assert.ThrowsAsync<RerouteApiException>(() => client.GetPatientAsync("P404"));
        var invalid = await Assert.ThrowsAsync<RerouteApiException>(() => client.UpsertProviderAsync(Provider with { State = "New York", DailyCapacity = -1 }));
        var illegal = await Assert.ThrowsAsync<RerouteApiException>(() => client.UpsertAppointmentAsync(Visit with { Status = AppointmentStatus.Booked }));

        Assert.Equal((HttpStatusCode.NotFound, "Patient 'P404' does not exist."), (unknown.Status, unknown.Problem.Detail));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(["dailyCapacity", "state"], invalid.Problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<RerouteApiException>(() => client.GetProviderAsync("T001"))).Status);
        Assert.Equal(HttpStatusCode.Conflict, illegal.Status);
        Assert.Equal(AppointmentStatus.Fulfilled, (await client.GetAppointmentAsync("A1")).Appointment.Status);
    }

    [Fact]
    public async Task A_FHIR_bundle_is_imported_with_a_typed_report_and_its_records_read_back_typed()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.EhrIntegration)));
        var bundle = FhirBundles.Clinic();
        FhirBundles.Resource(bundle, "Patient", "P2")["address"]![0]!["state"] = "nj";

        var report = await client.ImportFhirAsync(bundle.ToJsonString());

        Assert.Equal((14, 3, 2), (report.Imported, report.Skipped, report.Invalid));
        var p2 = report.Entries.Single(static e => e.Id == "P2");
        Assert.Equal((13, "Patient", FhirImportOutcome.Invalid), (p2.Index, p2.ResourceType, p2.Outcome));
        Assert.Contains(p2.Problems, static p => p.StartsWith("PatientProfile.state:", StringComparison.Ordinal));
        var t001 = await client.GetProviderAsync("T001");
        Assert.Equal((8, 2, 1), (t001.DailyCapacity, t001.BookableSlots.Count, t001.BookedTimes.Count));
        var p1 = await client.GetPatientAsync("P1");
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday], p1.Preferences.PreferredDays);
        Assert.Equal(AppointmentStatus.Fulfilled, (await client.GetAppointmentAsync("A3")).Appointment.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<RerouteApiException>(() => client.GetPatientAsync("P2"))).Status);
    }

    [Fact]
    public async Task A_repeated_import_under_one_idempotency_key_returns_the_first_report_without_a_second_effect()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.EhrIntegration)));
        using var document = JsonDocument.Parse(FhirBundles.Clinic().ToJsonString());
        var call = new RerouteCallOptions { IdempotencyKey = "ehr-batch-0042" };

        var first = await client.ImportFhirAsync(document, call);
        await client.UpsertAppointmentAsync(Visit with { PatientId = "P1", ProviderId = "T001", Status = AppointmentStatus.Arrived });
        var repeated = await client.ImportFhirAsync(document, call);

        Assert.Equal(Json(first), Json(repeated));
        Assert.Equal(AppointmentStatus.Arrived, (await client.GetAppointmentAsync("A1")).Appointment.Status);
    }

    [Fact]
    public async Task Malformed_and_non_bundle_imports_become_400_and_422_exceptions()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.EhrIntegration)));
        using var patient = JsonDocument.Parse("""{"resourceType":"Patient","id":"P1"}""");

        var malformed = await Assert.ThrowsAsync<RerouteApiException>(() => client.ImportFhirAsync("{\"resourceType\":"));
        var notBundle = await Assert.ThrowsAsync<RerouteApiException>(() => client.ImportFhirAsync(patient));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal(["$"], malformed.Problem.Errors!.Keys);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notBundle.Status);
        Assert.Contains("not a FHIR Bundle", notBundle.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appointments_are_exported_as_a_FHIR_searchset_by_practitioner_window_and_status()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.EhrIntegration)));
        await client.ImportFhirAsync(FhirBundles.Clinic().ToJsonString());

        var all = await client.ExportAppointmentsAsync(new FhirAppointmentQuery { PractitionerId = "T001" });
        var window = await client.ExportAppointmentsAsync(new FhirAppointmentQuery
        {
            PractitionerId = "T001",
            StartsFrom = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero),
            StartsBefore = new DateTimeOffset(2026, 3, 2, 14, 0, 1, TimeSpan.Zero),
        });
        var byStatus = await client.ExportAppointmentsAsync(new FhirAppointmentQuery { PatientId = "P1", Statuses = [AppointmentStatus.Fulfilled, AppointmentStatus.NoShow] });
        var one = await client.GetFhirAppointmentAsync("A2");

        Assert.Equal(["A3", "A1"], Ids(all));
        Assert.Equal(["A1"], Ids(window));
        Assert.Equal(["A3"], Ids(byStatus));
        Assert.Equal(("Appointment", "pending"), (one.GetProperty("resourceType").GetString(), one.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<RerouteApiException>(() => client.GetFhirAppointmentAsync("A9"))).Status);
        await Assert.ThrowsAsync<ArgumentException>(() => client.ExportAppointmentsAsync(new FhirAppointmentQuery { Statuses = [AppointmentStatus.Booked] }));
    }

    private static string[] Ids(JsonElement bundle) =>
        [.. bundle.GetProperty("entry").EnumerateArray().Select(static e => e.GetProperty("resource").GetProperty("id").GetString()!)];

    // Records holding lists compare by reference; their JSON compares by value.
    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
