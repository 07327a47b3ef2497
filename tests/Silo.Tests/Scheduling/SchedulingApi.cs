using System.Text.Json;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Serialization;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

/// <summary>Requests and sample records for the scheduling API tests.</summary>
internal static class SchedulingApi
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));

    public static ProviderProfile Provider(string id = "T001", string clinic = "C1", string discipline = "PT") => new()
    {
        Id = id,
        Name = "Dr Test",
        Discipline = discipline,
        ClinicId = clinic,
        State = "NY",
        Location = new GeoLocation { Latitude = 40.73, Longitude = -73.99 },
        DailyCapacity = 8,
        BookableSlots = [new TimeRange { Start = Monday, End = Monday.AddMinutes(45) }],
    };

    public static PatientProfile Patient(string id = "P1") => new()
    {
        Id = id,
        State = "NY",
        Preferences = new PatientPreferences { PreferredDays = [DayOfWeek.Monday], MaxTravelDistanceKm = 25 },
    };

    public static Appointment Appointment(string id = "A1", string provider = "T001", int dayOffset = 0) => new()
    {
        Id = id,
        PatientId = "P1",
        ProviderId = provider,
        ClinicId = "C1",
        Start = Monday.AddDays(dayOffset),
        End = Monday.AddDays(dayOffset).AddMinutes(45),
        Discipline = "PT",
    };

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, RuntimeJson.Options);

    public static Task<HttpResponseMessage> PutAsync(this TestSilo silo, string path, string? token, object body) =>
        silo.SendAsync(HttpMethod.Put, path, token, body is string raw ? raw : Json(body));

    public static Task<HttpResponseMessage> PostAsync(this TestSilo silo, string path, string? token, object body, string? idempotencyKey = null) =>
        silo.SendAsync(HttpMethod.Post, path, token, body is string raw ? raw : Json(body), idempotencyKey);

    /// <summary>What the silo returns for a GET, as text, to compare before and after a refused write.</summary>
    public static async Task<string> ReadAsync(this TestSilo silo, string path, string token)
    {
        using var response = await silo.GetAsync(path, token);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    public static string[] ErrorFields(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(static p => p.Name).Order(StringComparer.Ordinal)];
}
