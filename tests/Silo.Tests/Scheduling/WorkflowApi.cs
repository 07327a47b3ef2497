using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Serialization;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;
using RuntimeClock = Reroute.Runtime.Testing.ManualTimeProvider;

namespace Reroute.Silo.Tests.Scheduling;

/// <summary>
/// A small clinic network written through the API, as the Grains tests' WorkflowWorld builds it: departing provider
/// T001 with appointments A1..An on 4 March (clinic C1), replacement providers T002 (5 March) and T003 (6 March) at
/// clinic C2 nearby, patients P1..Pn covered by AETNA, and the payer rule that lets them move. The silo runs on a
/// manual clock (reminders fire when the test moves it) and accepts inbound webhooks signed with <see cref="WebhookSecret"/>.
/// </summary>
internal static partial class WorkflowApi
{
    public const string WebhookSecret = "test-inbound-webhook-secret";

    public const string PublicBaseUrl = "https://reroute.example.test";

    public static readonly TimeSpan ClinicOffset = TimeSpan.FromHours(-5);

    /// <summary>Monday 2 March 2026, 08:00 clinic time.</summary>
    public static readonly DateTimeOffset Now = At(2, 8);

    public static DateTimeOffset At(int day, int hour) => new(2026, 3, day, hour, 0, 0, ClinicOffset);

    /// <summary>A silo on <paramref name="clock"/> with the webhook secret and public base URL set; later args win.</summary>
    public static Task<TestSilo> StartAsync(RuntimeClock clock, params string[] args) =>
        TestSilo.StartAsync(
            builder => builder.Services.AddSingleton<TimeProvider>(clock),
            args: [$"--Reroute:Notifications:InboundWebhookSecret={WebhookSecret}", $"--Reroute:Workflow:PublicBaseUrl={PublicBaseUrl}", .. args]);

    public static RuntimeClock Clock() => new(Now);

    /// <summary>The trigger body for T001's departure from 3 to 10 March.</summary>
    public static string Trigger(string source = "ehr", string provider = "T001", DateTimeOffset? start = null, DateTimeOffset? end = null) => JsonSerializer.Serialize(new
    {
        type = "provider_unavailable",
        providerId = provider,
        start = start ?? At(3, 0),
        end = end ?? At(10, 0),
        reason = "departure",
        source,
    });

    /// <summary>Writes the network through the API with an admin token.</summary>
    public static async Task SeedAsync(
        TestSilo silo, int appointments, int slotsPerProvider = 6, NotificationChannel channel = NotificationChannel.Outbox)
    {
        var token = silo.Token(Roles.Admin);
        await silo.PutAsync("/api/knowledge", token, SchedulingKnowledge.Default with
        {
            PayerRules = [new PayerRule { PayerId = "AETNA", AcceptedDisciplines = ["PT", "OT"], RequiresInNetwork = true, AllowedStates = ["NY", "NJ"] }],
        }).ExpectSuccessAsync();
        await silo.PutAsync("/api/providers/T001", token, Provider("T001", "C1") with
        {
            BookableSlots = [],
            BookedTimes = [.. Enumerable.Range(1, appointments).Select(i => Range(At(4, 8 + i)))],
        }).ExpectSuccessAsync();
        foreach (var (id, day) in new[] { ("T002", 5), ("T003", 6) })
        {
            await silo.PutAsync($"/api/providers/{id}", token, Provider(id, "C2") with
            {
                BookableSlots = [.. Enumerable.Range(0, slotsPerProvider).Select(i => Range(At(day, 9 + i)))],
            }).ExpectSuccessAsync();
        }

        for (var i = 1; i <= appointments; i++)
        {
            await silo.PutAsync($"/api/patients/P{i}", token, Patient($"P{i}", channel, phone: $"+1555000{i:D4}")).ExpectSuccessAsync();
            await silo.PutAsync($"/api/appointments/A{i}", token, new Appointment
            {
                Id = $"A{i}",
                PatientId = $"P{i}",
                ProviderId = "T001",
                ClinicId = "C1",
                Start = At(4, 8 + i),
                End = At(4, 8 + i).AddMinutes(45),
                Discipline = "PT",
                Status = AppointmentStatus.Booked,
            }).ExpectSuccessAsync();
        }
    }

    public static ProviderProfile Provider(string id, string clinic) => new()
    {
        Id = id,
        Name = "Dr " + id,
        Discipline = "PT",
        Specialties = ["orthopedic", "sports"],
        Licenses = [new ProviderLicense { State = "NY", Status = LicenseStatus.Active, ExpiresOn = new DateOnly(2027, 1, 31) }],
        ClinicId = clinic,
        State = "NY",
        Location = new GeoLocation { Latitude = 40.7306, Longitude = -73.9866 },
        Gender = AdministrativeGender.Female,
        YearsOfExperience = 6,
        Languages = ["en", "es"],
        AcceptedPayers = ["AETNA"],
        DailyCapacity = 8,
    };

    public static PatientProfile Patient(string id, NotificationChannel channel = NotificationChannel.Outbox, string phone = "+15550001234") => new()
    {
        Id = id,
        State = "NY",
        Home = new GeoLocation { Latitude = 40.7128, Longitude = -74.0060 },
        Preferences = new PatientPreferences { MaxTravelDistanceKm = 30 },
        CoveragePayerId = "AETNA",
        Contact = new PatientContact { PreferredChannel = channel, DisplayName = "Pat " + id, Phone = channel == NotificationChannel.Outbox ? null : phone },
        PlanOfCare = new PlanOfCare
        {
            Discipline = "PT",
            FocusSpecialties = ["orthopedic"],
            VisitsAuthorized = 12,
            VisitsUsed = 4,
            ExpiresOn = new DateOnly(2026, 6, 30),
            CertifyingProviderId = "MD01",
        },
        ProviderHistory = [new ProviderHistoryEntry { ProviderId = "T001", Visits = 4, LastVisit = Now.AddDays(-7) }],
        NoShowCount = 1,
        TotalAppointments = 10,
    };

    public static TimeRange Range(DateTimeOffset start) => new() { Start = start, End = start.AddMinutes(45) };

    /// <summary>The body of a GET that must succeed.</summary>
    public static async Task<JsonElement> ReadJsonAsync(this TestSilo silo, string path, string token)
    {
        using var response = await silo.GetAsync(path, token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }

    /// <summary>A GET's body as a typed record, read with the silo's own JSON conventions.</summary>
    public static async Task<T> ReadRecordAsync<T>(this TestSilo silo, string path, string token) =>
        (await silo.ReadJsonAsync(path, token)).Deserialize<T>(RuntimeJson.Options)!;

    /// <summary>The token in the accept link of the patient's offer message, as the patient would click it.</summary>
    public static async Task<string> LinkTokenAsync(this TestSilo silo, string token, string patientId, string offerId)
    {
        var messages = await silo.ReadRecordAsync<List<OutboundMessage>>($"/api/patients/{patientId}/messages", token);
        var message = Assert.Single(messages, m => m.MessageId == offerId);
        var match = AcceptLink().Match(message.Body);
        Assert.True(match.Success, $"no accept link in message {offerId}");
        return match.Groups[1].Value;
    }

    /// <summary>The workflow once <paramref name="done"/> holds (reminder ticks run on their own after a clock move), up to ten seconds.</summary>
    public static async Task<JsonElement> EventuallyAsync(this TestSilo silo, string path, string token, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await silo.ReadJsonAsync(path, token);
            if (done(value))
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    /// <summary>Posts a webhook body signed as the SMS/IVR provider signs it (or with the given signature).</summary>
    public static async Task<HttpResponseMessage> PostWebhookAsync(this TestSilo silo, string path, string json, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Reroute-Signature", signature ?? Sign(json));
        return await silo.Client.SendAsync(request);
    }

    public static string Sign(string json, string secret = WebhookSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(json)));

    public static string[] Ids(this JsonElement array, string property) =>
        [.. array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];

    [GeneratedRegex("/offers/([A-Za-z0-9_\\-.]+)\\?answer=accept", RegexOptions.CultureInvariant)]
    private static partial Regex AcceptLink();
}
