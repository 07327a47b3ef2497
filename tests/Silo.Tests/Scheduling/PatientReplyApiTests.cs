using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Hosting;
using SettledClock = Reroute.Runtime.Testing.SettledClock;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

/// <summary>
/// Stage 5 through the API: offers in the patients' outbox, answers by signed link, SMS and IVR webhook, expiry by the
/// clock. Every refused answer is checked to have changed nothing.
/// </summary>
public sealed class PatientReplyApiTests
{
    [Fact]
    public async Task An_offer_lands_in_the_outbox_with_links_and_accepting_by_link_books_it_once()
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock());
        await WorkflowApi.SeedAsync(silo, appointments: 2);
        var token = silo.Token(Roles.Scheduler);
        var workflow = await (await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger())).BodyAsync();
        var id = workflow.GetProperty("workflowId").GetString()!;
        var (offerId, slot) = Offer(workflow, "A1");

        var messages = await silo.ReadJsonAsync("/api/patients/P1/messages", token);
        var message = Assert.Single(messages.EnumerateArray());
        Assert.Equal(offerId, message.GetProperty("messageId").GetString());
        var body = message.GetProperty("body").GetString()!;
        Assert.Contains($"{WorkflowApi.PublicBaseUrl}/offers/", body, StringComparison.Ordinal);
        Assert.Contains("?answer=accept", body, StringComparison.Ordinal);
        Assert.Contains("?answer=decline", body, StringComparison.Ordinal);
        var link = await silo.LinkTokenAsync(token, "P1", offerId);
        var offer = await silo.ReadJsonAsync($"/api/offers/{offerId}", token);
        Assert.Equal(("open", id, "P1"), (offer.GetProperty("status").GetString(), offer.GetProperty("workflowId").GetString(), offer.GetProperty("patientId").GetString()));

        using var page = await silo.Client.GetAsync($"/offers/{link}?answer=accept");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Accept this time", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var accepted = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{link}/accept", token: null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var reply = await accepted.BodyAsync();
        Assert.Equal(("accepted", offerId, "accepted"), (reply.GetProperty("outcome").GetString(), reply.GetProperty("offerId").GetString(), reply.GetProperty("status").GetString()));

        var answered = await silo.ReadJsonAsync($"/api/offers/{offerId}", token);
        Assert.Equal(("accepted", "api"), (answered.GetProperty("status").GetString(), answered.GetProperty("answeredVia").GetString()));
        var moved = (await silo.ReadJsonAsync("/api/appointments/A1", token)).GetProperty("appointment");
        Assert.Equal((slot.Provider, slot.Start, "booked"), (moved.GetProperty("providerId").GetString(), moved.GetProperty("start").GetDateTimeOffset(), moved.GetProperty("status").GetString()));
        var booked = Assert.Single((await silo.ReadJsonAsync($"/api/workflows/{id}", token)).GetProperty("appointments").EnumerateArray(),
            a => a.GetProperty("appointment").GetProperty("appointmentId").GetString() == "A1");
        Assert.Equal("booked", booked.GetProperty("trail").EnumerateArray().Last().GetProperty("event").GetString());
        Assert.Equal(2, (await silo.ReadJsonAsync("/api/patients/P1/messages", token)).GetArrayLength());

        // Reused: 410 and nothing changes; forged (signed with another key) or altered: 401 and nothing changes.
        var before = await Snapshot(silo, token, offerId, id);
        using var reused = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{link}/decline", token: null);
        await Problem.AssertAsync(reused, HttpStatusCode.Gone);
        var forged = ForeignLinks().Issue(new OfferToken("clinic-1", offerId, "0123456789abcdef", WorkflowApi.Now.AddDays(1)));
        using var forgedAnswer = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{forged}/decline", token: null);
        await Problem.AssertAsync(forgedAnswer, HttpStatusCode.Unauthorized);
        using var altered = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{Alter(link)}/accept", token: null);
        await Problem.AssertAsync(altered, HttpStatusCode.Unauthorized);
        using var badAnswer = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{link}/maybe", token: null);
        Assert.Equal(["answer"], (await Problem.AssertAsync(badAnswer, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await Snapshot(silo, token, offerId, id));

        // The second patient answers on the page's form, as a browser does; then the workflow completes.
        var (secondOffer, _) = Offer(workflow, "A2");
        var secondLink = await silo.LinkTokenAsync(token, "P2", secondOffer);
        using var form = await silo.Client.PostAsync($"/offers/{secondLink}", new FormUrlEncodedContent([KeyValuePair.Create("answer", "accept")]));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Booked", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await silo.ReadJsonAsync($"/api/workflows/{id}", token);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("summary").GetProperty("successfullyReassigned").GetInt32());
        Assert.Equal([id], (await silo.ReadJsonAsync("/api/workflows?status=completed", token)).Ids("workflowId"));
        Assert.Empty((await silo.ReadJsonAsync("/api/workflows?status=running", token)).EnumerateArray());
    }

    [Fact]
    public async Task A_declined_offer_is_followed_by_an_offer_of_the_next_alternative()
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock());
        await WorkflowApi.SeedAsync(silo, appointments: 1, slotsPerProvider: 2);
        var token = silo.Token(Roles.Scheduler);
        var workflow = await (await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger())).BodyAsync();
        var id = workflow.GetProperty("workflowId").GetString()!;
        var (first, firstSlot) = Offer(workflow, "A1");

        using var declined = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{await silo.LinkTokenAsync(token, "P1", first)}/decline", token: null);

        Assert.Equal("declined", (await declined.BodyAsync()).GetProperty("outcome").GetString());
        Assert.Equal("declined", (await silo.ReadJsonAsync($"/api/offers/{first}", token)).GetProperty("status").GetString());
        var after = await silo.ReadJsonAsync($"/api/workflows/{id}", token);
        var (second, secondSlot) = Offer(after, "A1");
        Assert.NotEqual(first, second);
        Assert.NotEqual(firstSlot, secondSlot);
        Assert.Equal(1, after.GetProperty("summary").GetProperty("declined").GetInt32());
        Assert.Equal("open", (await silo.ReadJsonAsync($"/api/offers/{second}", token)).GetProperty("status").GetString());
        Assert.Equal([second, first], (await silo.ReadJsonAsync("/api/patients/P1/messages", token)).Ids("messageId"));
        Assert.Equal("T001", (await silo.ReadJsonAsync("/api/appointments/A1", token)).GetProperty("appointment").GetProperty("providerId").GetString());

        using var accepted = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{await silo.LinkTokenAsync(token, "P1", second)}/accept", token: null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var moved = (await silo.ReadJsonAsync("/api/appointments/A1", token)).GetProperty("appointment");
        Assert.Equal(secondSlot, (moved.GetProperty("providerId").GetString()!, moved.GetProperty("start").GetDateTimeOffset()));
    }

    [Fact]
    public async Task An_unanswered_offer_expires_when_the_clock_passes_its_expiry_and_its_link_then_changes_nothing()
    {
        var clock = WorkflowApi.Clock();
        await using var silo = await WorkflowApi.StartAsync(clock);
        await WorkflowApi.SeedAsync(silo, appointments: 1);
        var workflow = await (await silo.PostAsync("/api/workflow/trigger", silo.Token(Roles.Scheduler), WorkflowApi.Trigger())).BodyAsync();
        var id = workflow.GetProperty("workflowId").GetString()!;
        var (first, _) = Offer(workflow, "A1");
        var link = await silo.LinkTokenAsync(silo.Token(Roles.Scheduler), "P1", first);

        var runtime = silo.App.Services.GetRequiredService<IGrainRuntimeStatistics>();
        await SettledClock.AdvanceSettledAsync(clock, TimeSpan.FromHours(23), runtime);
        Assert.Equal("open", (await silo.ReadJsonAsync($"/api/offers/{first}", silo.Token(Roles.Scheduler))).GetProperty("status").GetString());
        await SettledClock.AdvanceSettledAsync(clock, TimeSpan.FromHours(1), runtime);

        // A token minted now: the one from before the clock moved has expired with it.
        var token = silo.Token(Roles.Scheduler);
        var moved = await silo.EventuallyAsync($"/api/workflows/{id}", token, w => Offer(w, "A1").OfferId != first);
        Assert.Equal(1, moved.GetProperty("summary").GetProperty("expired").GetInt32());
        Assert.Equal("expired", (await silo.ReadJsonAsync($"/api/offers/{first}", token)).GetProperty("status").GetString());
        Assert.Equal("open", (await silo.ReadJsonAsync($"/api/offers/{Offer(moved, "A1").OfferId}", token)).GetProperty("status").GetString());

        var before = await Snapshot(silo, token, first, id);
        using var late = await silo.SendAsync(HttpMethod.Post, $"/api/offers/{link}/accept", token: null);
        Assert.Contains("expired", (await Problem.AssertAsync(late, HttpStatusCode.Gone)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot(silo, token, first, id));
        Assert.Equal("T001", (await silo.ReadJsonAsync("/api/appointments/A1", token)).GetProperty("appointment").GetProperty("providerId").GetString());
    }

    [Fact]
    public async Task An_SMS_YES_with_a_valid_signature_books_and_a_bad_signature_is_a_401_that_changes_nothing()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock(), gateway.SiloArgs());
        await WorkflowApi.SeedAsync(silo, appointments: 1, channel: NotificationChannel.Sms);
        var token = silo.Token(Roles.Scheduler);
        var workflow = await (await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger())).BodyAsync();
        var id = workflow.GetProperty("workflowId").GetString()!;
        var (offerId, slot) = Offer(workflow, "A1");

        var sent = Assert.Single(gateway.Received);
        Assert.Equal(("sms", offerId, "+15550000001"), (sent.Channel, sent.Body.GetProperty("messageId").GetString(), sent.Body.GetProperty("to").GetString()));
        Assert.Contains("Reply YES", sent.Body.GetProperty("body").GetString(), StringComparison.Ordinal);

        // Times read on the clinic's clock and say so.
        Assert.Contains($"New time: {slot.Start.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} (UTC-05:00)", sent.Body.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("Sent", (await silo.ReadJsonAsync("/api/patients/P1/messages", token))[0].GetProperty("status").GetString());

        var yes = JsonSerializer.Serialize(new { from = "+15550000001", text = "Yes" });
        var before = await Snapshot(silo, token, offerId, id);
        using var badSignature = await silo.PostWebhookAsync("/api/webhooks/clinic-1/sms", yes, WorkflowApi.Sign(yes, "another-secret"));
        using var unsigned = await silo.PostWebhookAsync("/api/webhooks/clinic-1/sms", yes, signature: "");
        using var tampered = await silo.PostWebhookAsync("/api/webhooks/clinic-1/sms", yes.Replace("Yes", "No", StringComparison.Ordinal), WorkflowApi.Sign(yes));
        await Problem.AssertAsync(badSignature, HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(unsigned, HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(tampered, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await Snapshot(silo, token, offerId, id));

        // Signed but not an answer, or from a number with no open offer: taken and ignored.
        var maybe = JsonSerializer.Serialize(new { from = "+15550000001", text = "maybe later" });
        using var ignored = await silo.PostWebhookAsync("/api/webhooks/clinic-1/sms", maybe);
        Assert.Equal("ignored", (await ignored.BodyAsync()).GetProperty("outcome").GetString());
        var stranger = JsonSerializer.Serialize(new { from = "+15559999999", text = "YES" });
        using var unknownNumber = await silo.PostWebhookAsync("/api/webhooks/clinic-1/sms", stranger);
        Assert.Equal("ignored", (await unknownNumber.BodyAsync()).GetProperty("outcome").GetString());
        var malformed = """{"from":"+15550000001"}""";
        using var missingText = await silo.PostWebhookAsync("/api/webhooks/clinic-1/sms", malformed);
        Assert.Equal(["text"], (await Problem.AssertAsync(missingText, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await Snapshot(silo, token, offerId, id));

        using var accepted = await silo.PostWebhookAsync("/api/webhooks/clinic-1/sms", yes);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("accepted", (await accepted.BodyAsync()).GetProperty("outcome").GetString());
        var offer = await silo.ReadJsonAsync($"/api/offers/{offerId}", token);
        Assert.Equal(("accepted", "sms"), (offer.GetProperty("status").GetString(), offer.GetProperty("answeredVia").GetString()));
        var moved = (await silo.ReadJsonAsync("/api/appointments/A1", token)).GetProperty("appointment");
        Assert.Equal(slot, (moved.GetProperty("providerId").GetString()!, moved.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal("completed", (await silo.ReadJsonAsync($"/api/workflows/{id}", token)).GetProperty("status").GetString());
        var confirmation = Assert.Single(gateway.Received, r => r.Body.GetProperty("messageId").GetString() == $"{offerId}-confirmation");
        Assert.Equal($"Pat P1, booked: PT on {slot.Start.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} (UTC-05:00) at clinic C2.", confirmation.Body.GetProperty("body").GetString());

        // The offer is answered, so a second YES matches no open offer.
        using var again = await silo.PostWebhookAsync("/api/webhooks/clinic-1/sms", yes);
        Assert.Equal("ignored", (await again.BodyAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task An_IVR_digit_answers_the_offer_the_call_was_for()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock(), gateway.SiloArgs());
        await WorkflowApi.SeedAsync(silo, appointments: 1, slotsPerProvider: 2, channel: NotificationChannel.Ivr);
        var token = silo.Token(Roles.Scheduler);
        var workflow = await (await silo.PostAsync("/api/workflow/trigger", token, WorkflowApi.Trigger())).BodyAsync();
        var id = workflow.GetProperty("workflowId").GetString()!;
        var (first, _) = Offer(workflow, "A1");
        var call = Assert.Single(gateway.Received);
        Assert.Equal(("ivr", first), (call.Channel, call.Body.GetProperty("messageId").GetString()));
        Assert.Contains("Press 1 to accept", call.Body.GetProperty("body").GetString(), StringComparison.Ordinal);

        var before = await Snapshot(silo, token, first, id);
        var unknownKey = JsonSerializer.Serialize(new { messageId = first, digits = "9" });
        using var ignored = await silo.PostWebhookAsync("/api/webhooks/clinic-1/ivr", unknownKey);
        Assert.Equal("ignored", (await ignored.BodyAsync()).GetProperty("outcome").GetString());
        var press1 = JsonSerializer.Serialize(new { messageId = first, digits = "1" });
        using var forged = await silo.PostWebhookAsync("/api/webhooks/clinic-1/ivr", press1, WorkflowApi.Sign(press1, "guessed"));
        await Problem.AssertAsync(forged, HttpStatusCode.Unauthorized);
        using var unknownOffer = await silo.PostWebhookAsync("/api/webhooks/clinic-1/ivr", JsonSerializer.Serialize(new { messageId = "off-unknown", digits = "1" }));
        await Problem.AssertAsync(unknownOffer, HttpStatusCode.NotFound);
        Assert.Equal(before, await Snapshot(silo, token, first, id));

        using var declined = await silo.PostWebhookAsync("/api/webhooks/clinic-1/ivr", JsonSerializer.Serialize(new { messageId = first, digits = "2" }));
        Assert.Equal("declined", (await declined.BodyAsync()).GetProperty("outcome").GetString());
        var (second, slot) = Offer(await silo.ReadJsonAsync($"/api/workflows/{id}", token), "A1");
        Assert.NotEqual(first, second);
        Assert.Equal(2, gateway.Received.Count(r => r.Channel == "ivr"));

        using var accepted = await silo.PostWebhookAsync("/api/webhooks/clinic-1/ivr", JsonSerializer.Serialize(new { messageId = second, digits = "1" }));
        Assert.Equal("accepted", (await accepted.BodyAsync()).GetProperty("outcome").GetString());
        Assert.Equal("ivr", (await silo.ReadJsonAsync($"/api/offers/{second}", token)).GetProperty("answeredVia").GetString());
        var moved = (await silo.ReadJsonAsync("/api/appointments/A1", token)).GetProperty("appointment");
        Assert.Equal(slot, (moved.GetProperty("providerId").GetString()!, moved.GetProperty("start").GetDateTimeOffset()));

        // Pressing 1 again on the answered call is too late.
        using var repeated = await silo.PostWebhookAsync("/api/webhooks/clinic-1/ivr", JsonSerializer.Serialize(new { messageId = second, digits = "1" }));
        await Problem.AssertAsync(repeated, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Webhooks_are_refused_while_no_inbound_secret_is_configured()
    {
        await using var silo = await WorkflowApi.StartAsync(WorkflowApi.Clock(), "--Reroute:Notifications:InboundWebhookSecret=");
        var yes = JsonSerializer.Serialize(new { from = "+15550000001", text = "YES" });

        using var response = await silo.PostWebhookAsync("/api/webhooks/clinic-1/sms", yes, WorkflowApi.Sign(yes, string.Empty));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    /// <summary>The appointment's current offer id and its slot (provider, start), from a workflow's JSON.</summary>
    private static (string OfferId, (string Provider, DateTimeOffset Start) Slot) Offer(JsonElement workflow, string appointmentId)
    {
        var appointment = workflow.GetProperty("appointments").EnumerateArray()
            .Select(a => a.GetProperty("appointment"))
            .Single(a => a.GetProperty("appointmentId").GetString() == appointmentId);
        var slot = appointment.GetProperty("proposal").GetProperty("slot");
        return (appointment.GetProperty("offerIds").EnumerateArray().Last().GetString()!,
            (slot.GetProperty("providerId").GetString()!, slot.GetProperty("start").GetDateTimeOffset()));
    }

    /// <summary>What a refused answer must leave as it was: the offer, the workflow, the appointments and the providers' calendars.</summary>
    private static async Task<string> Snapshot(TestSilo silo, string token, string offerId, string workflowId) => string.Join(
        "\n",
        await silo.ReadAsync($"/api/offers/{offerId}", token),
        await silo.ReadAsync($"/api/workflows/{workflowId}", token),
        await silo.ReadAsync("/api/appointments/A1", token),
        await silo.ReadAsync("/api/providers/T002", token),
        await silo.ReadAsync("/api/providers/T003", token),
        await silo.ReadAsync("/api/patients/P1/messages", token));

    // A link signer with a key the silo never saw: what a forger who knows the format can make.
    private static OfferLinks ForeignLinks() => new(Microsoft.Extensions.Options.Options.Create(new WorkflowOptions
    {
        LinkSigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(WorkflowOptions.MinLinkKeyBytes)),
    }));

    // The same payload with the first character of the signature changed (the last one may carry padding bits only).
    private static string Alter(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal) + 1;
        return token[..dot] + (token[dot] == 'A' ? 'B' : 'A') + token[(dot + 1)..];
    }
}
