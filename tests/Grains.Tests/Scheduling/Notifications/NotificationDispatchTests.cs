using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Notifications;
using Reroute.Grains.Tests.Scheduling.Entities;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Testing;
using static Reroute.Grains.Tests.Scheduling.Notifications.OutboxGrainTests;

namespace Reroute.Grains.Tests.Scheduling.Notifications;

public sealed class NotificationDispatchTests
{
    private const string Patient = "pat@example.test";

    [Fact]
    public async Task An_email_is_delivered_over_SMTP_and_recorded_as_sent()
    {
        await using var smtp = new SmtpTestServer();
        await using var silo = await EntitySilo.Start();
        using var http = new HttpClient();
        var dispatcher = Dispatcher(silo, Options(smtp.Port), http);

        var sent = await dispatcher.DispatchAsync(Message("m-1", NotificationChannel.Email, Patient));

        Assert.Equal((DeliveryStatus.Sent, 1, (string?)null), (sent.Status, sent.Attempts, sent.LastError));
        var mail = Assert.Single(smtp.Mail);
        Assert.Equal("<no-reply@reroute.local>", mail.From);
        Assert.Equal([$"<{Patient}>"], mail.To);
        Assert.Contains("Subject: Your appointment", mail.DataLines);
        Assert.Equal("Your visit moved to 10:00.", mail.DataLines[^1]);
        Assert.Equal(DeliveryStatus.Sent, (await silo.GrainFactory.GetGrain<IOutboxGrain>(EntitySilo.Key("P1")).Get("m-1"))!.Status);
    }

    [Fact]
    public async Task Body_lines_starting_with_a_dot_are_dot_stuffed_so_the_body_arrives_whole()
    {
        await using var smtp = new SmtpTestServer();
        await using var silo = await EntitySilo.Start();
        using var http = new HttpClient();
        var body = "line one\n.\n.hidden\nlast";

        await Dispatcher(silo, Options(smtp.Port), http)
            .DispatchAsync(Message("m-1", NotificationChannel.Email, Patient) with { Body = body });

        var lines = Assert.Single(smtp.Mail).DataLines;
        Assert.Equal(["line one", "..", "..hidden", "last"], lines.Skip(lines.ToList().IndexOf(string.Empty) + 1));
    }

    [Fact]
    public async Task A_5xx_reply_marks_the_message_failed_with_the_servers_reason_and_a_retry_is_attempted_again()
    {
        await using var smtp = new SmtpTestServer { RecipientReply = "550 5.1.1 mailbox unavailable" };
        await using var silo = await EntitySilo.Start();
        using var http = new HttpClient();
        var dispatcher = Dispatcher(silo, Options(smtp.Port), http);

        var failed = await dispatcher.DispatchAsync(Message("m-1", NotificationChannel.Email, Patient));
        var retried = await dispatcher.DispatchAsync(Message("m-1", NotificationChannel.Email, Patient));

        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("550 5.1.1 mailbox unavailable", failed.LastError, StringComparison.Ordinal);
        Assert.Equal((DeliveryStatus.Failed, 2), (retried.Status, retried.Attempts));
        Assert.Empty(smtp.Mail);
    }

    [Fact]
    public async Task An_SMS_is_posted_as_JSON_to_the_webhook_and_a_sent_message_is_not_posted_twice()
    {
        await using var hook = await WebhookTestServer.StartAsync(StatusCodes(HttpStatusCode.Accepted));
        await using var silo = await EntitySilo.Start();
        using var http = new HttpClient();
        var dispatcher = Dispatcher(silo, Options(sms: hook.Url), http);

        var sent = await dispatcher.DispatchAsync(Message("m-1", NotificationChannel.Sms, "+15555550100"));
        await dispatcher.DispatchAsync(Message("m-1", NotificationChannel.Sms, "+15555550100"));

        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        using var json = JsonDocument.Parse(Assert.Single(hook.Bodies));
        Assert.Equal("m-1", json.RootElement.GetProperty("messageId").GetString());
        Assert.Equal("+15555550100", json.RootElement.GetProperty("to").GetString());
        Assert.Equal("Sms", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("Your visit moved to 10:00.", json.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_non_2xx_webhook_answer_marks_the_message_failed()
    {
        await using var hook = await WebhookTestServer.StartAsync(StatusCodes(HttpStatusCode.BadGateway));
        await using var silo = await EntitySilo.Start();
        using var http = new HttpClient();

        var failed = await Dispatcher(silo, Options(ivr: hook.Url), http)
            .DispatchAsync(Message("m-1", NotificationChannel.Ivr, "+15555550100"));

        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("502", failed.LastError, StringComparison.Ordinal);
        Assert.Single(hook.Bodies);
    }

    [Fact]
    public async Task An_outbox_message_is_stored_and_not_sent_anywhere()
    {
        await using var silo = await EntitySilo.Start();
        using var http = new HttpClient();

        var stored = await Dispatcher(silo, Options(), http).DispatchAsync(Message("m-1"));

        Assert.Equal((DeliveryStatus.Pending, 0), (stored.Status, stored.Attempts));
    }

    [Fact]
    public void Options_refuse_a_bad_port_a_bad_webhook_url_and_a_tiny_timeout()
    {
        var options = new NotificationOptions { SmtpPort = 0, SmsWebhookUrl = "ftp://x", WebhookTimeout = TimeSpan.Zero };

        var members = options.Validate(new(options)).SelectMany(r => r.MemberNames).ToList();

        Assert.Equal([nameof(NotificationOptions.SmtpPort), nameof(NotificationOptions.WebhookTimeout), nameof(NotificationOptions.SmsWebhookUrl)], members);
        Assert.Empty(new NotificationOptions().Validate(new(new NotificationOptions())));
    }

    private static int StatusCodes(HttpStatusCode code) => (int)code;

    private static IOptions<NotificationOptions> Options(int smtpPort = 1, string sms = "", string ivr = "") =>
        Microsoft.Extensions.Options.Options.Create(new NotificationOptions
        {
            SmtpHost = IPAddress.Loopback.ToString(),
            SmtpPort = smtpPort,
            SmsWebhookUrl = sms,
            IvrWebhookUrl = ivr,
        });

    private static NotificationDispatcher Dispatcher(TestSilo silo, IOptions<NotificationOptions> options, HttpClient http) =>
        new(
            silo.GrainFactory,
            [new SmtpEmailSender(options, silo.Time), new WebhookSmsSender(http, options), new WebhookIvrSender(http, options)],
            NullLogger<NotificationDispatcher>.Instance);
}
