using System.Text.Json;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// Patient to <see cref="PatientProfile"/>: the state (and HL7 geolocation) of the home address, the preferred
/// communication language, and Reroute's extensions for preferences, coverage, plan of care, provider history and
/// no-shows; the contact (given name, email, phone, preferred-channel extension) for offers. Birth date, address
/// lines and identifiers are not kept: nothing in Reroute uses them.
/// </summary>
internal static class FhirPatientMapping
{
    private const string Path = "Patient";

    public static PatientProfile? Read(string id, JsonElement resource, FhirProblems problems)
    {
        var addresses = FhirJson.Items(resource, "address").ToList();
        var home = addresses.FirstOrDefault(static a => a.TryGetProperty("use", out var use) && use.ValueKind == JsonValueKind.String && use.GetString() == "home");
        var address = home.ValueKind == JsonValueKind.Object ? home : addresses.FirstOrDefault();
        var addressIndex = address.ValueKind == JsonValueKind.Object ? addresses.IndexOf(address) : 0;
        var addressPath = $"{Path}.address[{addressIndex}]";
        string? state = null;
        GeoLocation? position = null;
        if (address.ValueKind == JsonValueKind.Object)
        {
            state = FhirJson.String(address, "state", addressPath, problems);
            position = FhirValues.Geolocation(address, addressPath, problems);
        }

        problems.Require(state is not null, $"{addressPath}.state", "is required: providers need a license in the patient's state.");

        var communications = FhirJson.Items(resource, "communication").ToList();
        var preferred = communications.FirstOrDefault(static c => c.TryGetProperty("preferred", out var p) && p.ValueKind == JsonValueKind.True);
        var communication = preferred.ValueKind == JsonValueKind.Object ? preferred : communications.FirstOrDefault();
        var language = communication.ValueKind == JsonValueKind.Object && FhirJson.Object(communication, "language") is { } concept ? FhirJson.Code(concept) : null;

        var preferences = new PatientPreferences
        {
            PreferredGender = FhirJson.Extension(resource, FhirUrls.PreferredProviderGender) is { } gender
                ? FhirValues.Gender(FhirJson.StringValue(gender, "valueCode", Ext("preferred-provider-gender"), problems), $"{Ext("preferred-provider-gender")}.valueCode", problems)
                : null,
            PreferredDays = [.. FhirJson.Extensions(resource, FhirUrls.PreferredDay)
                .Select(e => FhirValues.Day(FhirJson.StringValue(e, "valueCode", Ext("preferred-day"), problems), $"{Ext("preferred-day")}.valueCode", problems))
                .OfType<DayOfWeek>()
                .Distinct()],
            PreferredTimes = [.. FhirJson.Extensions(resource, FhirUrls.PreferredTime).Select(e => TimeWindow(e, problems)).OfType<TimeOfDayWindow>()],
            MaxTravelDistanceKm = FhirJson.Extension(resource, FhirUrls.MaxTravelDistanceKm) is { } travel
                ? FhirJson.DecimalValue(travel, Ext("max-travel-distance-km"), problems)
                : null,
            Language = language,
        };

        var profile = new PatientProfile
        {
            Id = id,
            State = state ?? string.Empty,
            Home = position,
            Contact = Contact(resource, problems),
            Preferences = preferences,
            CoveragePayerId = FhirJson.Extension(resource, FhirUrls.CoveragePayer) is { } payer
                ? FhirJson.StringValue(payer, "valueString", Ext("coverage-payer"), problems)
                : null,
            PlanOfCare = FhirJson.Extension(resource, FhirUrls.PlanOfCare) is { } plan ? Plan(plan, problems) : null,
            ProviderHistory = [.. FhirJson.Extensions(resource, FhirUrls.ProviderHistory).Select(e => History(e, problems)).OfType<ProviderHistoryEntry>()],
            NoShowCount = Count(resource, FhirUrls.NoShowCount, "no-show-count", problems),
            TotalAppointments = Count(resource, FhirUrls.TotalAppointments, "total-appointments", problems),
        };

        if (!problems.IsEmpty)
        {
            return null;
        }

        problems.AddAll("PatientProfile", ProfileValidation.Validate(profile));
        return problems.IsEmpty ? profile : null;
    }

    private static string Ext(string name) => $"{Path}.extension('{name}')";

    // The contact is PHI: it is kept only to reach the patient, and the report never repeats it (validation names fields only).
    private static PatientContact? Contact(JsonElement resource, FhirProblems problems)
    {
        var telecom = FhirJson.Items(resource, "telecom")
            .Select(static t => (
                System: t.TryGetProperty("system", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null,
                Use: t.TryGetProperty("use", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null,
                Value: t.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null,
                Rank: t.TryGetProperty("rank", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var rank) ? rank : int.MaxValue))
            .Where(static t => !string.IsNullOrWhiteSpace(t.Value) && t.Use != "old")
            .OrderBy(static t => t.Rank)
            .ToList();
        var email = telecom.FirstOrDefault(static t => t.System == "email").Value;

        // Texts and calls need a number that takes them: an sms entry first, then a mobile phone, then any phone.
        var phone = telecom.FirstOrDefault(static t => t.System == "sms").Value
            ?? telecom.FirstOrDefault(static t => t.System == "phone" && t.Use == "mobile").Value
            ?? telecom.FirstOrDefault(static t => t.System == "phone").Value;
        var name = FhirJson.Items(resource, "name").Select(FhirJson.GivenName).FirstOrDefault(static n => n.Length > 0) ?? string.Empty;
        var channel = NotificationChannel.Outbox;
        if (FhirJson.Extension(resource, FhirUrls.PreferredChannel) is { } preferred)
        {
            var code = FhirJson.StringValue(preferred, "valueCode", Ext("preferred-channel"), problems);
            if (code is not null && !Enum.TryParse(code, ignoreCase: true, out channel))
            {
                problems.Add($"{Ext("preferred-channel")}.valueCode", $"'{code}' is not one of outbox, email, sms, ivr.");
            }
        }

        return email is null && phone is null && name.Length == 0 && channel == NotificationChannel.Outbox
            ? null
            : new PatientContact { PreferredChannel = channel, DisplayName = name, Email = email, Phone = phone };
    }

    private static int Count(JsonElement resource, string url, string name, FhirProblems problems) =>
        FhirJson.Extension(resource, url) is { } extension ? FhirJson.IntegerValue(extension, Ext(name), problems) ?? 0 : 0;

    private static TimeOfDayWindow? TimeWindow(JsonElement extension, FhirProblems problems)
    {
        var path = Ext("preferred-time");
        var from = FhirJson.Part(extension, "from", path, problems) is { } f ? FhirJson.Time(FhirJson.String(f, "valueTime", path, problems), $"{path}.extension('from').valueTime", problems) : null;
        var to = FhirJson.Part(extension, "to", path, problems) is { } t ? FhirJson.Time(FhirJson.String(t, "valueTime", path, problems), $"{path}.extension('to').valueTime", problems) : null;
        return from is null || to is null ? null : new TimeOfDayWindow { From = from.Value, To = to.Value };
    }

    private static PlanOfCare? Plan(JsonElement extension, FhirProblems problems)
    {
        var path = Ext("plan-of-care");
        var discipline = FhirJson.Part(extension, "discipline", path, problems) is { } d ? FhirJson.StringValue(d, "valueCode", $"{path}.extension('discipline')", problems) : null;
        var authorized = FhirJson.Part(extension, "visits-authorized", path, problems) is { } a ? FhirJson.IntegerValue(a, $"{path}.extension('visits-authorized')", problems) : null;
        var used = FhirJson.Extension(extension, "visits-used") is { } u ? FhirJson.IntegerValue(u, $"{path}.extension('visits-used')", problems) : 0;
        var expires = FhirJson.Part(extension, "expires-on", path, problems) is { } e
            ? FhirJson.Date(FhirJson.String(e, "valueDate", path, problems), $"{path}.extension('expires-on').valueDate", problems)
            : null;
        var certifying = FhirJson.Extension(extension, "certifying-provider") is { } c
            ? FhirJson.Reference(FhirJson.Object(c, "valueReference"), $"{path}.extension('certifying-provider').valueReference", problems)?.Id
            : null;
        var focus = FhirJson.Extensions(extension, "focus-specialty")
            .Select(f => FhirJson.StringValue(f, "valueCode", $"{path}.extension('focus-specialty')", problems))
            .OfType<string>()
            .ToList();
        return discipline is null || authorized is null || used is null || expires is null
            ? null
            : new PlanOfCare
            {
                Discipline = discipline,
                FocusSpecialties = focus,
                VisitsAuthorized = authorized.Value,
                VisitsUsed = used.Value,
                ExpiresOn = expires.Value,
                CertifyingProviderId = certifying ?? string.Empty,
            };
    }

    private static ProviderHistoryEntry? History(JsonElement extension, FhirProblems problems)
    {
        var path = Ext("provider-history");
        var provider = FhirJson.Part(extension, "provider", path, problems) is { } p
            ? FhirJson.Reference(FhirJson.Object(p, "valueReference"), $"{path}.extension('provider').valueReference", problems)
            : null;
        var visits = FhirJson.Part(extension, "visits", path, problems) is { } v ? FhirJson.IntegerValue(v, $"{path}.extension('visits')", problems) : null;
        var last = FhirJson.Part(extension, "last-visit", path, problems) is { } l
            ? FhirJson.Instant(FhirJson.String(l, "valueDateTime", path, problems), $"{path}.extension('last-visit').valueDateTime", problems)
            : null;
        return provider is null || visits is null || last is null
            ? null
            : new ProviderHistoryEntry { ProviderId = provider.Value.Id, Visits = visits.Value, LastVisit = last.Value };
    }
}
