using System.Text.Json;
using System.Text.Json.Nodes;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// FHIR R4 Appointment to and from <see cref="Appointment"/>: status with FHIR's codes, start and end, one Patient and
/// one Practitioner (or PractitionerRole) participant, an optional Location participant as the clinic, the first
/// serviceType as the discipline and the first specialty as the required specialty. Appointment.priority follows iCal
/// (1 highest, 9 lowest, 0 undefined): 1–3 is urgent, 4–6 elevated, anything else routine; export writes 1, 5 or nothing.
/// </summary>
public static class FhirAppointmentMapping
{
    private const string Path = "Appointment";

    /// <summary>The iCal priority exported for an urgent visit (the highest).</summary>
    private const int UrgentPriority = 1;

    /// <summary>The largest iCal number still imported as urgent: the top third of 1–9.</summary>
    private const int LowestUrgentPriority = 3;

    /// <summary>The iCal priority exported for an elevated visit (the middle).</summary>
    private const int ElevatedPriority = 5;

    /// <summary>The largest iCal number still imported as elevated: the middle third of 1–9.</summary>
    private const int LowestElevatedPriority = 6;

    /// <summary>iCal's largest priority number.</summary>
    private const int MaxPriority = 9;

    /// <summary>The FHIR Appointment resource of <paramref name="record"/>; meta.lastUpdated is its latest status change.</summary>
    public static JsonObject ToResource(AppointmentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var appointment = record.Appointment;
        var resource = new JsonObject
        {
            ["resourceType"] = Path,
            ["id"] = appointment.Id,
        };
        if (record.History.Count > 0)
        {
            resource["meta"] = new JsonObject { ["lastUpdated"] = FhirJson.Format(record.History[^1].At) };
        }

        resource["status"] = FhirValues.Code(appointment.Status);
        if (appointment.Priority != ClinicalPriority.Routine)
        {
            resource["priority"] = appointment.Priority == ClinicalPriority.Urgent ? UrgentPriority : ElevatedPriority;
        }

        resource["serviceType"] = new JsonArray(Concept(FhirUrls.DisciplineSystem, appointment.Discipline));
        if (appointment.RequiredSpecialty is { } specialty)
        {
            resource["specialty"] = new JsonArray(Concept(FhirUrls.SpecialtySystem, specialty));
        }

        resource["start"] = FhirJson.Format(appointment.Start);
        resource["end"] = FhirJson.Format(appointment.End);
        resource["participant"] = new JsonArray(
            Participant($"Patient/{appointment.PatientId}"),
            Participant($"Practitioner/{appointment.ProviderId}"),
            Participant($"Location/{appointment.ClinicId}"));
        return resource;
    }

    internal static FhirAppointmentDraft? Read(string id, JsonElement resource, FhirProblems problems)
    {
        var statusCode = FhirJson.String(resource, "status", Path, problems);
        AppointmentStatus status = default;
        problems.Require(FhirValues.TryParseStatus(statusCode, out status), $"{Path}.status", $"must be one of {string.Join(", ", FhirValues.StatusCodes)}.");
        var start = FhirJson.Instant(FhirJson.String(resource, "start", Path, problems), $"{Path}.start", problems);
        var end = FhirJson.Instant(FhirJson.String(resource, "end", Path, problems), $"{Path}.end", problems);
        problems.Require(start is null || end is null || start < end, $"{Path}.end", "must be after start.");

        var patients = new List<FhirReference>();
        var providers = new List<FhirReference>();
        var locations = new List<FhirReference>();
        var participants = FhirJson.Items(resource, "participant").ToList();
        for (var i = 0; i < participants.Count; i++)
        {
            if (FhirJson.Object(participants[i], "actor") is not { } actor)
            {
                continue; // a participant given only by type (e.g. "translator needed") names nobody
            }

            if (FhirJson.Reference(actor, $"{Path}.participant[{i}].actor", problems) is not { } reference)
            {
                continue;
            }

            switch (reference.Type)
            {
                case "Patient":
                    patients.Add(reference);
                    break;
                case "Practitioner" or "PractitionerRole":
                    providers.Add(reference);
                    break;
                case "Location":
                    locations.Add(reference);
                    break;
            }
        }

        problems.Require(patients.Count == 1, $"{Path}.participant", "must name exactly one Patient.");
        problems.Require(providers.Count == 1, $"{Path}.participant", "must name exactly one Practitioner or PractitionerRole.");
        problems.Require(locations.Count <= 1, $"{Path}.participant", "may name at most one Location (the clinic).");
        var discipline = FhirJson.Items(resource, "serviceType").Select(FhirJson.Code).FirstOrDefault(static c => !string.IsNullOrWhiteSpace(c));
        problems.Require(discipline is not null, $"{Path}.serviceType", "is required: its first code is the visit's discipline (e.g. PT).");
        var specialty = FhirJson.Items(resource, "specialty").Select(FhirJson.Code).FirstOrDefault(static c => !string.IsNullOrWhiteSpace(c));
        var priority = ClinicalPriority.Routine;
        if (resource.TryGetProperty("priority", out var number))
        {
            var valid = number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var value) && value is >= 0 and <= MaxPriority;
            problems.Require(valid, $"{Path}.priority", $"must be an integer from 0 to {MaxPriority} (iCal: 1 highest, 0 undefined).");
            priority = !valid ? priority
                : number.GetInt32() is >= UrgentPriority and <= LowestUrgentPriority ? ClinicalPriority.Urgent
                : number.GetInt32() is > LowestUrgentPriority and <= LowestElevatedPriority ? ClinicalPriority.Elevated
                : ClinicalPriority.Routine;
        }

        return problems.IsEmpty
            ? new FhirAppointmentDraft(id, patients[0].Id, providers[0], locations.Count == 1 ? locations[0].Id : null, start!.Value, end!.Value, discipline!, specialty, priority, status)
            : null;
    }

    private static JsonObject Concept(string system, string code) => new()
    {
        ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }),
        ["text"] = code,
    };

    private static JsonObject Participant(string reference) => new()
    {
        ["actor"] = new JsonObject { ["reference"] = reference },
        ["required"] = "required",
        ["status"] = "accepted",
    };
}
