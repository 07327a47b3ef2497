using System.Text.Json;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>FHIR coded values to and from the scheduling enums, and the HL7 geolocation extension.</summary>
public static class FhirValues
{
    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, AppointmentStatus> Statuses =
        Enum.GetValues<AppointmentStatus>().ToDictionary(Code, static s => s, StringComparer.Ordinal);

    private static readonly Dictionary<string, AdministrativeGender> Genders =
        Enum.GetValues<AdministrativeGender>().ToDictionary(static g => JsonSerializer.Serialize(g).Trim('"'), static g => g, StringComparer.Ordinal);

    /// <summary>The FHIR code of an appointment status (e.g. "entered-in-error").</summary>
    public static string Code(AppointmentStatus status) => AppointmentTransitions.Name(status);

    /// <summary>The appointment status with FHIR code <paramref name="code"/>, if it is one.</summary>
    public static bool TryParseStatus(string? code, out AppointmentStatus status) => Statuses.TryGetValue(code ?? string.Empty, out status);

    /// <summary>Every FHIR appointment status code, for messages.</summary>
    public static IEnumerable<string> StatusCodes => Statuses.Keys;

    internal static AdministrativeGender? Gender(string? code, string path, FhirProblems problems)
    {
        if (code is null)
        {
            return null;
        }

        if (Genders.TryGetValue(code, out var gender))
        {
            return gender;
        }

        problems.Add(path, $"'{code}' is not one of male, female, other, unknown.");
        return null;
    }

    internal static DayOfWeek? Day(string? code, string path, FhirProblems problems)
    {
        if (code is not null && Days.TryGetValue(code, out var day))
        {
            return day;
        }

        problems.Add(path, $"'{code}' is not one of mon, tue, wed, thu, fri, sat, sun.");
        return null;
    }

    /// <summary>The position in the HL7 geolocation extension on <paramref name="address"/>; null when the extension is absent.</summary>
    internal static GeoLocation? Geolocation(JsonElement address, string path, FhirProblems problems)
    {
        if (FhirJson.Extension(address, FhirUrls.Geolocation) is not { } geolocation)
        {
            return null;
        }

        var where = $"{path}.extension('geolocation')";
        var latitude = FhirJson.Part(geolocation, "latitude", where, problems) is { } lat ? FhirJson.DecimalValue(lat, $"{where}.extension('latitude')", problems) : null;
        var longitude = FhirJson.Part(geolocation, "longitude", where, problems) is { } lon ? FhirJson.DecimalValue(lon, $"{where}.extension('longitude')", problems) : null;
        return latitude is null || longitude is null ? null : new GeoLocation { Latitude = latitude.Value, Longitude = longitude.Value };
    }
}
