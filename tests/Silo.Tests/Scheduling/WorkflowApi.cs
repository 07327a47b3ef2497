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
/// <see cref="WorkflowNetwork"/> written through the API, on a silo whose manual clock starts at its "now" (reminders
/// fire when the test moves it) and which accepts inbound webhooks signed with <see cref="WebhookSecret"/>.
/// </summary>
internal static partial class WorkflowApi
{
    public const string WebhookSecret = "test-inbound-webhook-secret";

    public const string PublicBaseUrl = "https://reroute.example.test";

    public static DateTimeOffset Now => WorkflowNetwork.Now;

    public static DateTimeOffset At(int day, int hour) => WorkflowNetwork.At(day, hour);

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
        start = start ?? WorkflowNetwork.Departure.Start,
        end = end ?? WorkflowNetwork.Departure.End,
        reason = "departure",
        source,
    });

    /// <summary>Writes the network through the API with an admin token.</summary>
    public static async Task SeedAsync(
        TestSilo silo, int appointments, int slotsPerProvider = 6, NotificationChannel channel = NotificationChannel.Outbox)
    {
        var token = silo.Token(Roles.Admin);
        await silo.PutAsync("/api/knowledge", token, WorkflowNetwork.Knowledge).ExpectSuccessAsync();
        foreach (var provider in WorkflowNetwork.Providers(appointments, slotsPerProvider))
        {
            await silo.PutAsync($"/api/providers/{provider.Id}", token, provider).ExpectSuccessAsync();
        }

        foreach (var patient in WorkflowNetwork.Patients(appointments, channel))
        {
            await silo.PutAsync($"/api/patients/{patient.Id}", token, patient).ExpectSuccessAsync();
        }

        foreach (var appointment in WorkflowNetwork.Appointments(appointments))
        {
            await silo.PutAsync($"/api/appointments/{appointment.Id}", token, appointment).ExpectSuccessAsync();
        }
    }

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
        var link = AcceptLinkToken(message.Body);
        Assert.True(link is not null, $"no accept link in message {offerId}");
        return link;
    }

    /// <summary>The link token of the accept link in a message body; null when it has none.</summary>
    public static string? AcceptLinkToken(string body) => AcceptLink().Match(body) is { Success: true } match ? match.Groups[1].Value : null;

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
