using System.Text.Json;
using System.Text.Json.Nodes;
using Reroute.Grains.Scheduling.Fhir;
using Reroute.Interfaces.Scheduling;
using Reroute.SiloTesting;

namespace Reroute.Grains.Tests.Scheduling.Fhir;

public sealed class FhirBundleImportTests
{
    private static readonly TimeSpan NewYork = TimeSpan.FromHours(-5);

    [Fact]
    public void A_clinic_bundle_becomes_two_providers_two_patients_and_three_appointments_and_the_rest_is_skipped()
    {
        var plan = Plan(FhirBundles.Clinic());
        var report = plan.Report();

        Assert.Equal(FhirBundles.ClinicEntries, report.Entries.Select(static e => (e.ResourceType, e.Id)));
        Assert.Equal(
            ["SL5", "ORG1", "C1"],
            report.Entries.Where(static e => e.Outcome == FhirImportOutcome.Skipped).Select(static e => e.Id));
        Assert.Equal((16, 3, 0), (report.Imported, report.Skipped, report.Invalid));
        Assert.Contains("Organization: not imported", report.Entries[17].Problems[0], StringComparison.Ordinal);
        Assert.Equal(["T001", "T002"], plan.Providers.Select(static p => p.Record.Id));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], plan.Providers[0].Entries.Order());
        Assert.Equal([8, 9, 10, 11], plan.Providers[1].Entries.Order());
        Assert.Equal(["P1", "P2"], plan.Patients.Select(static p => p.Record.Id));
        Assert.Equal(["A1", "A2", "A3"], plan.Appointments.Select(static a => a.Record.Id));
    }

    [Fact]
    public void Practitioner_role_schedule_and_slots_make_one_provider_profile()
    {
        var t001 = Plan(FhirBundles.Clinic()).Providers[0].Record;

        Assert.Equal(("Ana Rivera", AdministrativeGender.Female, 12d), (t001.Name, t001.Gender, t001.YearsOfExperience));
        Assert.Equal([("NY", LicenseStatus.Active, new DateOnly(2027, 6, 30))], t001.Licenses.Select(static l => (l.State, l.Status, l.ExpiresOn)));
        Assert.Equal(["en", "es"], t001.Languages);
        Assert.Equal(("PT", "C1", "NY", 8), (t001.Discipline, t001.ClinicId, t001.State, t001.DailyCapacity));
        Assert.Equal(["orthopedic", "vestibular"], t001.Specialties);
        Assert.Equal((40.73, -73.99), (t001.Location.Latitude, t001.Location.Longitude));
        Assert.Equal(["AETNA", "MEDICARE"], t001.AcceptedPayers);
        Assert.Equal([Range(2, 9, 0, 45), Range(2, 10, 0, 45)], t001.BookableSlots);
        Assert.Equal([Range(2, 11, 0, 45)], t001.BookedTimes);
        var away = Assert.Single(t001.Unavailability);
        Assert.Equal((At(3, 8, 0), At(3, 17, 0), "busy-unavailable"), (away.Start, away.End, away.Reason));
    }

    [Fact]
    public void A_schedule_may_name_the_practitioner_through_its_role_and_an_absent_license_status_is_active()
    {
        var t002 = Plan(FhirBundles.Clinic()).Providers[1].Record;

        Assert.Equal(("OT", AdministrativeGender.Male), (t002.Discipline, t002.Gender));
        Assert.Equal(LicenseStatus.Active, Assert.Single(t002.Licenses).Status);
        Assert.Equal([Range(5, 13, 0, 45)], t002.BookableSlots);
    }

    [Fact]
    public void A_patient_keeps_state_home_language_preferences_coverage_plan_history_and_no_shows()
    {
        var p1 = Plan(FhirBundles.Clinic()).Patients[0].Record;

        Assert.Equal(("NY", 40.75, -73.98), (p1.State, p1.Home!.Latitude, p1.Home.Longitude));
        Assert.Equal("es", p1.Preferences.Language);
        Assert.Equal(AdministrativeGender.Female, p1.Preferences.PreferredGender);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday], p1.Preferences.PreferredDays);
        Assert.Equal([(new TimeOnly(8, 0), new TimeOnly(12, 0))], p1.Preferences.PreferredTimes.Select(static t => (t.From, t.To)));
        Assert.Equal(25, p1.Preferences.MaxTravelDistanceKm);
        Assert.Equal("AETNA", p1.CoveragePayerId);
        Assert.Equal(("PT", 12, 3, new DateOnly(2026, 6, 30), "DR9"), (p1.PlanOfCare!.Discipline, p1.PlanOfCare.VisitsAuthorized, p1.PlanOfCare.VisitsUsed, p1.PlanOfCare.ExpiresOn, p1.PlanOfCare.CertifyingProviderId));
        Assert.Equal(["vestibular"], p1.PlanOfCare.FocusSpecialties);
        Assert.Equal([("T001", 4, new DateTimeOffset(2026, 2, 23, 9, 0, 0, NewYork))], p1.ProviderHistory.Select(static h => (h.ProviderId, h.Visits, h.LastVisit)));
        Assert.Equal((1, 10), (p1.NoShowCount, p1.TotalAppointments));
        Assert.Equal(
            new PatientContact { PreferredChannel = NotificationChannel.Email, DisplayName = "Jane", Email = "jane@example.org", Phone = "+19175550123" },
            p1.Contact);
    }

    [Fact]
    public void A_patient_whose_channel_needs_a_number_it_does_not_have_in_E164_form_is_refused_by_field()
    {
        var patient = FhirBundles.Patient("P3", "NY");
        patient["telecom"] = new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = "(212) 555-0100" });
        patient["extension"] = new JsonArray(new JsonObject { ["url"] = FhirBundles.Ext + "preferred-channel", ["valueCode"] = "sms" });
        var plain = FhirBundles.Patient("P4", "NY");
        plain.Remove("name");

        var plan = Plan(FhirBundles.Bundle(patient, plain));

        var problems = plan.Report().Entries[0].Problems;
        Assert.Equal(["PatientProfile.contact.phone: must be an E.164 phone number (+ and 8 to 15 digits)."], problems);
        Assert.DoesNotContain(problems, static p => p.Contains("555", StringComparison.Ordinal));
        Assert.Null(Assert.Single(plan.Patients).Record.Contact);
    }

    [Fact]
    public void An_appointment_takes_its_clinic_from_the_location_or_else_from_the_role_of_its_provider()
    {
        var appointments = Plan(FhirBundles.Clinic()).Appointments.Select(static a => a.Record).ToList();

        Assert.Equal(
            new Appointment
            {
                Id = "A1", PatientId = "P1", ProviderId = "T001", ClinicId = "C1", Discipline = "PT",
                Start = At(2, 9, 0), End = At(2, 9, 45), Status = AppointmentStatus.Booked,
            },
            appointments[0]);
        Assert.Equal(("T002", "C1", "OT", "hand", AppointmentStatus.Pending), (appointments[1].ProviderId, appointments[1].ClinicId, appointments[1].Discipline, appointments[1].RequiredSpecialty, appointments[1].Status));
        Assert.Equal([ClinicalPriority.Routine, ClinicalPriority.Urgent, ClinicalPriority.Routine], appointments.Select(static a => a.Priority));
        Assert.Equal(AppointmentStatus.Fulfilled, appointments[2].Status);
    }

    [Fact]
    public void An_invalid_patient_is_reported_by_element_and_keeps_out_its_appointment_but_nothing_else()
    {
        var bundle = FhirBundles.Clinic();
        FhirBundles.Resource(bundle, "Patient", "P2")["address"]![0]!["state"] = "New Jersey";

        var plan = Plan(bundle);
        var report = plan.Report();

        var p2 = Entry(report, "Patient", "P2");
        Assert.Equal(FhirImportOutcome.Invalid, p2.Outcome);
        Assert.Contains(p2.Problems, static p => p.StartsWith("PatientProfile.state:", StringComparison.Ordinal));
        var a2 = Entry(report, "Appointment", "A2");
        Assert.Equal(FhirImportOutcome.Invalid, a2.Outcome);
        Assert.Contains("Patient/P2 is invalid in this bundle (entry 13)", a2.Problems[0], StringComparison.Ordinal);
        Assert.Equal(["P1"], plan.Patients.Select(static p => p.Record.Id));
        Assert.Equal(["A1", "A3"], plan.Appointments.Select(static a => a.Record.Id));
        Assert.Equal(["T001", "T002"], plan.Providers.Select(static p => p.Record.Id));
        Assert.Equal((14, 3, 2), (report.Imported, report.Skipped, report.Invalid));
    }

    [Fact]
    public void An_invalid_practitioner_role_keeps_out_every_part_of_its_provider_and_the_provider_s_appointments()
    {
        var bundle = FhirBundles.Clinic();
        var extensions = FhirBundles.Resource(bundle, "PractitionerRole", "R-T001")["extension"]!.AsArray();
        extensions.RemoveAt(0); // daily-capacity

        var plan = Plan(bundle);
        var report = plan.Report();

        var role = Entry(report, "PractitionerRole", "R-T001");
        Assert.Contains(role.Problems, static p => p.Contains("daily-capacity", StringComparison.Ordinal) && p.Contains("is required", StringComparison.Ordinal));
        Assert.All(
            report.Entries.Take(8),
            static e => Assert.Equal(FhirImportOutcome.Invalid, e.Outcome));
        Assert.Contains("entry 1 of the same provider (Practitioner/T001) is invalid", Entry(report, "Slot", "SL1").Problems.Single(), StringComparison.Ordinal);
        Assert.Equal(["T002"], plan.Providers.Select(static p => p.Record.Id));
        Assert.Equal(["A2"], plan.Appointments.Select(static a => a.Record.Id));
        Assert.Contains("Practitioner/T001 is invalid in this bundle", Entry(report, "Appointment", "A1").Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void One_invalid_slot_keeps_the_whole_provider_out()
    {
        var bundle = FhirBundles.Clinic();
        FhirBundles.Resource(bundle, "Slot", "SL2")["end"] = "2026-03-02T08:00:00-05:00";

        var plan = Plan(bundle);

        Assert.Contains("Slot.end: must be after start.", Entry(plan.Report(), "Slot", "SL2").Problems);
        Assert.Equal(FhirImportOutcome.Invalid, Entry(plan.Report(), "Practitioner", "T001").Outcome);
        Assert.Equal(["T002"], plan.Providers.Select(static p => p.Record.Id));
    }

    [Fact]
    public void Parts_whose_practitioner_is_not_in_the_bundle_and_practitioners_without_a_role_are_refused()
    {
        var bundle = FhirBundles.Bundle(
            FhirBundles.Role("R9", "T009", "PT", [], 8, []),
            FhirBundles.Schedule("S9", "Practitioner/T009"),
            FhirBundles.Slot("SL9", "S-missing", "free", FhirBundles.Monday9, "2026-03-02T09:45:00-05:00"),
            FhirBundles.Practitioner("T010", "female", ("NY", "2027-01-01", null), [], 1));

        var report = Plan(bundle).Report();

        Assert.All(report.Entries, static e => Assert.Equal(FhirImportOutcome.Invalid, e.Outcome));
        Assert.Contains("Practitioner/T009 is not in this bundle", report.Entries[0].Problems[0], StringComparison.Ordinal);
        Assert.Contains("Practitioner/T009 is not in this bundle", report.Entries[1].Problems[0], StringComparison.Ordinal);
        Assert.Contains("Schedule/S-missing is not in this bundle", report.Entries[2].Problems[0], StringComparison.Ordinal);
        Assert.Contains("no PractitionerRole in this bundle refers to Practitioner/T010", report.Entries[3].Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_practitioner_with_two_roles_is_refused_because_a_provider_has_one_discipline_and_clinic()
    {
        var bundle = FhirBundles.Bundle(
            FhirBundles.Practitioner("T001", "female", ("NY", "2027-01-01", null), [], 1),
            FhirBundles.Role("R1", "T001", "PT", [], 8, []),
            FhirBundles.Role("R2", "T001", "OT", [], 8, []));

        var plan = Plan(bundle);

        Assert.Empty(plan.Providers);
        Assert.All(plan.Report().Entries, static e => Assert.Contains("has 2 PractitionerRoles", e.Problems[0], StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_without_a_resource_id_or_type_and_duplicate_ids_are_refused_each_on_its_own()
    {
        var first = FhirBundles.Patient("P1", "NY");
        var duplicate = FhirBundles.Patient("P1", "NJ");
        var noId = FhirBundles.Patient("P2", "NY");
        noId.Remove("id");
        var bundle = FhirBundles.Bundle(first, duplicate, noId);
        bundle["entry"]!.AsArray().Add(new JsonObject { ["request"] = new JsonObject { ["method"] = "DELETE", ["url"] = "Patient/P3" } });
        bundle["entry"]!.AsArray().Add(new JsonObject { ["resource"] = new JsonObject { ["id"] = "X" } });

        var plan = Plan(bundle);
        var report = plan.Report();

        Assert.Equal(
            [FhirImportOutcome.Imported, FhirImportOutcome.Invalid, FhirImportOutcome.Invalid, FhirImportOutcome.Invalid, FhirImportOutcome.Invalid],
            report.Entries.Select(static e => e.Outcome));
        Assert.Contains("Patient/P1 is already entry 0", report.Entries[1].Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Patient.id: is required", report.Entries[2].Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Bundle.entry[3].resource: is required", report.Entries[3].Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Bundle.entry[4].resource.resourceType: is required", report.Entries[4].Problems[0], StringComparison.Ordinal);
        Assert.Equal("NY", Assert.Single(plan.Patients).Record.State);
    }

    [Fact]
    public void An_appointment_s_problems_name_the_FHIR_elements()
    {
        var appointment = FhirBundles.Appointment("A1", "teleported", "P1", "Practitioner/T001", "C1", "PT", null, "2026-03-02T09:00:00", "2026-03-02T09:45:00-05:00");
        appointment["participant"]!.AsArray().Add(new JsonObject { ["actor"] = new JsonObject { ["reference"] = "Patient/P2" } });
        appointment.Remove("serviceType");
        appointment["priority"] = 12;

        var problems = Plan(FhirBundles.Bundle(appointment)).Report().Entries.Single().Problems;

        Assert.Contains(problems, static p => p.StartsWith("Appointment.status: must be one of proposed, pending, booked", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.StartsWith("Appointment.start: '2026-03-02T09:00:00' is not a FHIR instant", StringComparison.Ordinal));
        Assert.Contains("Appointment.participant: must name exactly one Patient.", problems);
        Assert.Contains(problems, static p => p.StartsWith("Appointment.serviceType: is required", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.StartsWith("Appointment.priority: must be an integer from 0 to 9", StringComparison.Ordinal));
    }

    [Fact]
    public void An_appointment_without_a_location_whose_provider_is_not_in_the_bundle_has_no_clinic_and_is_refused()
    {
        var appointment = FhirBundles.Appointment("A1", "booked", "P1", "Practitioner/T001", null, "PT", null, FhirBundles.Monday9, "2026-03-02T09:45:00-05:00");

        var entry = Plan(FhirBundles.Bundle(appointment)).Report().Entries.Single();

        Assert.Equal(FhirImportOutcome.Invalid, entry.Outcome);
        Assert.Contains("names no Location", entry.Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void References_to_urn_uuid_full_urls_resolve_and_an_entry_without_an_id_takes_its_uuid()
    {
        const string PatientUrn = "urn:uuid:6f1c2a4e-9b7d-4c3e-8a21-5d0f7e9b1c33";
        const string PractitionerUrn = "urn:uuid:0b8e5f0e-3c41-4f7a-9d55-2e6a1b7c9d10";
        var patient = FhirBundles.Patient("X", "NY");
        patient.Remove("id");
        var appointment = FhirBundles.Appointment("A1", "booked", "X", "Practitioner/X", "C1", "PT", null, FhirBundles.Monday9, "2026-03-02T09:45:00-05:00");
        appointment["participant"]![0]!["actor"]!["reference"] = PatientUrn;
        appointment["participant"]![1]!["actor"]!["reference"] = PractitionerUrn;
        var role = FhirBundles.Role("R1", "X", "PT", [], 8, []);
        role["practitioner"]!["reference"] = PractitionerUrn;
        var bundle = FhirBundles.Bundle(FhirBundles.Practitioner("T001", "male", ("NY", "2027-01-01", null), [], 2), role, patient, appointment);
        var entries = bundle["entry"]!.AsArray();
        entries[0]!["fullUrl"] = PractitionerUrn;
        entries[2]!["fullUrl"] = PatientUrn;

        var plan = Plan(bundle);

        Assert.Equal(0, plan.Report().Invalid);
        Assert.Equal(["T001"], plan.Providers.Select(static p => p.Record.Id));
        Assert.Equal(["6f1c2a4e-9b7d-4c3e-8a21-5d0f7e9b1c33"], plan.Patients.Select(static p => p.Record.Id));
        Assert.Equal(("6f1c2a4e-9b7d-4c3e-8a21-5d0f7e9b1c33", "T001"), (plan.Appointments[0].Record.PatientId, plan.Appointments[0].Record.ProviderId));
        Assert.Equal("6f1c2a4e-9b7d-4c3e-8a21-5d0f7e9b1c33", plan.Report().Entries[2].Id);
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"P1"}""", "resourceType must be \"Bundle\"")]
    [InlineData("""[1,2]""", "resourceType must be \"Bundle\"")]
    [InlineData("""{"resourceType":"Bundle","type":"searchset","entry":[]}""", "Bundle.type must be one of batch, transaction, collection")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":{}}""", "Bundle.entry must be an array")]
    public void A_document_that_is_not_an_importable_bundle_is_refused_whole(string json, string message)
    {
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<FhirBundleException>(() => FhirBundleImport.Plan(document.RootElement));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_batch_plans_nothing()
    {
        using var document = JsonDocument.Parse("""{"resourceType":"Bundle","type":"batch"}""");

        var plan = FhirBundleImport.Plan(document.RootElement);

        Assert.Equal((0, 0, 0, 0), (plan.Report().Entries.Count, plan.Providers.Count, plan.Patients.Count, plan.Appointments.Count));
    }

    [Fact]
    public void A_refused_write_marks_all_of_its_entries_invalid_and_no_longer_writable()
    {
        var plan = Plan(FhirBundles.Clinic());
        var t001 = plan.Providers[0];

        plan.Refuse(t001, "stored state says no");

        Assert.False(plan.IsWritable(t001));
        Assert.True(plan.IsWritable(plan.Providers[1]));
        Assert.Equal(8, plan.Report().Invalid);
        Assert.Contains("stored state says no", plan.Report().Entries[3].Problems);
    }

    [Fact]
    public void An_exported_appointment_imports_back_as_the_same_appointment()
    {
        var original = new Appointment
        {
            Id = "A7", PatientId = "P1", ProviderId = "T001", ClinicId = "C2", Discipline = "SLP", RequiredSpecialty = "dysphagia",
            Start = At(2, 9, 0), End = At(2, 9, 45), Status = AppointmentStatus.CheckedIn, Priority = ClinicalPriority.Elevated,
        };
        var record = new AppointmentRecord
        {
            Appointment = original,
            History = [new AppointmentStatusChange { At = At(1, 8, 0), To = AppointmentStatus.CheckedIn, Reason = "created" }],
        };

        var resource = FhirAppointmentMapping.ToResource(record);
        var plan = Plan(FhirBundles.Bundle(resource));

        Assert.Equal("checked-in", (string?)resource["status"]);
        Assert.Equal(5, (int?)resource["priority"]);
        Assert.Equal("2026-03-02T09:00:00-05:00", (string?)resource["start"]);
        Assert.Equal("2026-03-01T08:00:00-05:00", (string?)resource["meta"]!["lastUpdated"]);
        Assert.Equal(original, Assert.Single(plan.Appointments).Record);
    }

    [Fact]
    public void Unavailability_recorded_in_Reroute_survives_an_import_while_slot_unavailability_is_replaced()
    {
        var imported = Plan(FhirBundles.Clinic()).Providers[0].Record;
        var departure = new UnavailabilityPeriod { Start = At(9, 0, 0), End = At(20, 0, 0), Reason = "departure" };
        var oldSlot = new UnavailabilityPeriod { Start = At(10, 8, 0), End = At(10, 17, 0), Reason = FhirProviderMapping.UnavailableSlotReason };
        var stored = imported with { Unavailability = [departure, oldSlot] };

        var merged = FhirProviderMapping.KeepRecordedUnavailability(imported, stored);

        Assert.Equal([.. imported.Unavailability, departure], merged.Unavailability);
        Assert.Same(imported, FhirProviderMapping.KeepRecordedUnavailability(imported, null));
    }

    private static FhirImportPlan Plan(JsonObject bundle)
    {
        using var document = JsonDocument.Parse(bundle.ToJsonString());
        return FhirBundleImport.Plan(document.RootElement);
    }

    private static FhirImportEntry Entry(FhirImportReport report, string type, string id) =>
        report.Entries.Single(e => e.ResourceType == type && e.Id == id);

    private static DateTimeOffset At(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, NewYork);

    private static TimeRange Range(int day, int hour, int minute, int minutes) => new() { Start = At(day, hour, minute), End = At(day, hour, minute).AddMinutes(minutes) };
}
