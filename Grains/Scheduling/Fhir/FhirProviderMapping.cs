using System.Text.Json;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// Practitioner, PractitionerRole, Schedule and Slot to the parts of a <see cref="ProviderProfile"/>: the Practitioner
/// gives name, gender, licenses (qualifications carrying the license-state extension), languages and experience; the
/// role gives discipline (code), specialties, clinic (location) and Reroute's extensions; free Slots of the provider's
/// Schedules become bookable slots, busy and busy-tentative ones booked times, busy-unavailable ones unavailability.
/// </summary>
public static class FhirProviderMapping
{
    /// <summary>Slot.status of an open slot: a bookable slot.</summary>
    public const string SlotFree = "free";

    /// <summary>Slot.status of a taken slot: a booked time.</summary>
    public const string SlotBusy = "busy";

    /// <summary>Slot.status of a held slot: a booked time too, since it counts against the day's capacity.</summary>
    public const string SlotBusyTentative = "busy-tentative";

    /// <summary>Slot.status of time the provider cannot work: an unavailability period.</summary>
    public const string SlotBusyUnavailable = "busy-unavailable";

    /// <summary>Slot.status of a slot recorded by mistake: skipped.</summary>
    public const string SlotEnteredInError = "entered-in-error";

    /// <summary>The unavailability reason recorded for a busy-unavailable slot (the slot's comment is free text and may hold PHI).</summary>
    public const string UnavailableSlotReason = "busy-unavailable";

    private static readonly string[] SlotStatuses = [SlotFree, SlotBusy, SlotBusyTentative, SlotBusyUnavailable, SlotEnteredInError];

    internal static FhirPractitioner? ReadPractitioner(JsonElement resource, FhirProblems problems)
    {
        const string Path = "Practitioner";
        var name = Items(resource, "name").Select(HumanName).FirstOrDefault(static n => n.Length > 0) ?? string.Empty;
        var gender = FhirValues.Gender(FhirJson.String(resource, "gender", Path, problems), $"{Path}.gender", problems) ?? AdministrativeGender.Unknown;

        var licenses = new List<ProviderLicense>();
        var qualifications = Items(resource, "qualification").ToList();
        for (var i = 0; i < qualifications.Count; i++)
        {
            var path = $"{Path}.qualification[{i}]";
            if (FhirJson.Extension(qualifications[i], FhirUrls.LicenseState) is not { } stateExtension)
            {
                continue; // a degree or certificate, not a license to practise in a state
            }

            var state = FhirJson.StringValue(stateExtension, "valueCode", $"{path}.extension('license-state')", problems);
            var status = LicenseStatus.Active;
            if (FhirJson.Extension(qualifications[i], FhirUrls.LicenseStatus) is { } statusExtension)
            {
                var code = FhirJson.StringValue(statusExtension, "valueCode", $"{path}.extension('license-status')", problems);
                if (code is not null && !Enum.TryParse(code, ignoreCase: true, out status))
                {
                    problems.Add($"{path}.extension('license-status').valueCode", $"'{code}' is not one of active, pending, suspended, revoked, expired.");
                }
            }

            var expires = FhirJson.Date(FhirJson.Object(qualifications[i], "period") is { } period ? FhirJson.String(period, "end", $"{path}.period", problems) : null, $"{path}.period.end", problems);
            if (state is not null && expires is not null)
            {
                licenses.Add(new ProviderLicense { State = state, Status = status, ExpiresOn = expires.Value });
            }
        }

        var languages = Items(resource, "communication").Select(FhirJson.Code).OfType<string>().ToList();
        var years = 0d;
        if (FhirJson.Extension(resource, FhirUrls.YearsOfExperience) is { } experience)
        {
            years = FhirJson.DecimalValue(experience, $"{Path}.extension('years-of-experience')", problems) ?? 0;
        }

        return problems.IsEmpty ? new FhirPractitioner(name, gender, licenses, languages, years) : null;
    }

    internal static FhirPractitionerRole? ReadRole(JsonElement resource, FhirProblems problems)
    {
        const string Path = "PractitionerRole";
        var practitioner = FhirJson.Reference(FhirJson.Object(resource, "practitioner"), $"{Path}.practitioner", problems);
        problems.Require(practitioner is null || practitioner.Value.Type == "Practitioner", $"{Path}.practitioner.reference", "must refer to a Practitioner.");
        var discipline = Items(resource, "code").Select(FhirJson.Code).FirstOrDefault(static c => !string.IsNullOrWhiteSpace(c));
        problems.Require(discipline is not null, $"{Path}.code", "is required: its first code is the provider's discipline (e.g. PT).");
        var specialties = Items(resource, "specialty").Select(FhirJson.Code).OfType<string>().ToList();
        var location = FhirJson.Reference(Items(resource, "location").Cast<JsonElement?>().FirstOrDefault(), $"{Path}.location[0]", problems);
        problems.Require(location is null || location.Value.Type == "Location", $"{Path}.location[0].reference", "must refer to a Location (the clinic).");

        string? state = null;
        GeoLocation? position = null;
        if (FhirJson.Extension(resource, FhirUrls.ClinicAddress) is { } addressExtension
            && FhirJson.Object(addressExtension, "valueAddress") is { } address)
        {
            var path = $"{Path}.extension('clinic-address').valueAddress";
            state = FhirJson.String(address, "state", path, problems);
            problems.Require(state is not null, $"{path}.state", "is required.");
            position = FhirValues.Geolocation(address, path, problems);
            problems.Require(position is not null, $"{path}.extension('{FhirUrls.Geolocation}')", "is required: the clinic's latitude and longitude.");
        }
        else
        {
            problems.Add($"{Path}.extension('{FhirUrls.ClinicAddress}')", "is required (valueAddress with the clinic's state and geolocation).");
        }

        int? capacity = null;
        if (FhirJson.Extension(resource, FhirUrls.DailyCapacity) is { } capacityExtension)
        {
            capacity = FhirJson.IntegerValue(capacityExtension, $"{Path}.extension('daily-capacity')", problems);
        }
        else
        {
            problems.Add($"{Path}.extension('{FhirUrls.DailyCapacity}')", "is required (valueInteger: the most appointments a day).");
        }

        var payers = FhirJson.Extensions(resource, FhirUrls.AcceptedPayer)
            .Select(e => FhirJson.StringValue(e, "valueString", $"{Path}.extension('accepted-payer')", problems))
            .OfType<string>()
            .ToList();

        return problems.IsEmpty
            ? new FhirPractitionerRole(practitioner!.Value.Id, discipline!, specialties, location!.Value.Id, state!, position!, capacity!.Value, payers)
            : null;
    }

    internal static FhirSchedule? ReadSchedule(JsonElement resource, FhirProblems problems)
    {
        const string Path = "Schedule";
        var actors = Items(resource, "actor").ToList();
        var problemsBefore = problems.All.Count;
        var candidates = new List<FhirReference>();
        for (var i = 0; i < actors.Count; i++)
        {
            if (FhirJson.Reference(actors[i], $"{Path}.actor[{i}]", problems) is { } actor && actor.Type is "Practitioner" or "PractitionerRole")
            {
                candidates.Add(actor);
            }
        }

        problems.Require(problems.All.Count > problemsBefore || candidates.Count == 1, $"{Path}.actor", "must name exactly one Practitioner or PractitionerRole: the provider whose calendar it is.");
        return problems.IsEmpty ? new FhirSchedule(candidates[0]) : null;
    }

    internal static FhirSlot? ReadSlot(JsonElement resource, FhirProblems problems)
    {
        const string Path = "Slot";
        var schedule = FhirJson.Reference(FhirJson.Object(resource, "schedule"), $"{Path}.schedule", problems);
        problems.Require(schedule is null || schedule.Value.Type == "Schedule", $"{Path}.schedule.reference", "must refer to a Schedule.");
        var status = FhirJson.String(resource, "status", Path, problems);
        problems.Require(status is not null && SlotStatuses.Contains(status), $"{Path}.status", $"must be one of {string.Join(", ", SlotStatuses)}.");
        var start = FhirJson.Instant(FhirJson.String(resource, "start", Path, problems), $"{Path}.start", problems);
        var end = FhirJson.Instant(FhirJson.String(resource, "end", Path, problems), $"{Path}.end", problems);
        problems.Require(start is null || end is null || start < end, $"{Path}.end", "must be after start.");
        return problems.IsEmpty ? new FhirSlot(schedule!.Value.Id, status!, new TimeRange { Start = start!.Value, End = end!.Value }) : null;
    }

    /// <summary>The provider made of one Practitioner, its role, and the Slots of its Schedules.</summary>
    internal static ProviderProfile Assemble(string id, FhirPractitioner practitioner, FhirPractitionerRole role, IEnumerable<FhirSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(practitioner);
        ArgumentNullException.ThrowIfNull(role);
        var all = slots.OrderBy(static s => s.Time.Start).ToList();
        return new ProviderProfile
        {
            Id = id,
            Name = practitioner.Name,
            Discipline = role.Discipline,
            Specialties = role.Specialties,
            Licenses = practitioner.Licenses,
            ClinicId = role.ClinicId,
            State = role.State,
            Location = role.Location,
            Gender = practitioner.Gender,
            YearsOfExperience = practitioner.YearsOfExperience,
            Languages = practitioner.Languages,
            AcceptedPayers = role.AcceptedPayers,
            DailyCapacity = role.DailyCapacity,
            BookableSlots = [.. all.Where(static s => s.Status == SlotFree).Select(static s => s.Time)],
            BookedTimes = [.. all.Where(static s => s.Status is SlotBusy or SlotBusyTentative).Select(static s => s.Time)],
            Unavailability = [.. all.Where(static s => s.Status == SlotBusyUnavailable)
                .Select(static s => new UnavailabilityPeriod { Start = s.Time.Start, End = s.Time.End, Reason = UnavailableSlotReason })],
        };
    }

    /// <summary>
    /// The imported profile with the unavailability recorded in Reroute itself (through the API or a workflow: any
    /// reason other than <see cref="UnavailableSlotReason"/>) kept from <paramref name="stored"/>. A Bundle replaces
    /// what came from Slots, but an EHR that knows nothing of a recorded departure must not make the provider available again.
    /// </summary>
    public static ProviderProfile KeepRecordedUnavailability(ProviderProfile imported, ProviderProfile? stored)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var recorded = stored?.Unavailability.Where(static u => u.Reason != UnavailableSlotReason).ToList() ?? [];
        return recorded.Count == 0
            ? imported
            : imported with { Unavailability = [.. imported.Unavailability, .. recorded.Where(u => !imported.Unavailability.Contains(u))] };
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) => FhirJson.Items(element, name);

    private static string HumanName(JsonElement name)
    {
        if (name.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } whole)
        {
            return whole;
        }

        var given = name.TryGetProperty("given", out var g) && g.ValueKind == JsonValueKind.Array
            ? g.EnumerateArray().Where(static v => v.ValueKind == JsonValueKind.String).Select(static v => v.GetString())
            : [];
        var family = name.TryGetProperty("family", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        return string.Join(' ', given.Append(family).Where(static p => !string.IsNullOrWhiteSpace(p)));
    }
}
