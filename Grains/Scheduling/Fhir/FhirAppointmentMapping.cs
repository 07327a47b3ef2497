using System.Text.Json;
using System.Text.Json.Nodes;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// FHIR R4 Appointment to and from <see cref="Appointment"/>: status with FHIR's codes, start and end, one Patient and
/// one Practitioner (or PractitionerRole) participant, an optional Location participant as the clinic, the first
/// serviceType as the discipline and the first specialty as the required specialty.
/// </summary>
public static class FhirAppointmentMapping
{
    private const string Path = "Appointment";

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

        return problems.IsEmpty
            ? new FhirAppointmentDraft(id, patients[0].Id, providers[0], locations.Count == 1 ? locations[0].Id : null, start!.Value, end!.Value, discipline!, specialty, status)
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
