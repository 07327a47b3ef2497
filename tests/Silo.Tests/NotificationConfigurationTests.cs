using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Notifications;
using Reroute.Silo.Options;
using Reroute.SiloTesting;

namespace Reroute.Silo.Tests;

public sealed class NotificationConfigurationTests
{
    [Theory]
    [InlineData("--Reroute:Notifications:Bogus=1", "'Reroute:Notifications:Bogus'")]
    [InlineData("--Reroute:Notifications:SmtpPort=70000", "'Reroute:Notifications:SmtpPort' must be between 1 and")]
    [InlineData("--Reroute:Notifications:SmsWebhookUrl=ftp://gateway", "'Reroute:Notifications:SmsWebhookUrl' must be empty or an absolute http")]
    public void The_notifications_section_is_guarded(string argument, string expected)
    {
        using var data = new TempDirectory();

        var error = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, null, argument));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notification_options_bind_and_the_dispatcher_gets_a_sender_per_channel()
    {
        await using var silo = await TestSilo.StartAsync(args: ["--Reroute:Notifications:SmtpPort=2525", "--Reroute:Notifications:SmsWebhookUrl=https://sms.example.test/hook"]);

        var options = silo.App.Services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        var senders = silo.App.Services.GetServices<INotificationSender>().Select(s => s.Channel.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal((2525, "https://sms.example.test/hook"), (options.SmtpPort, options.SmsWebhookUrl));
        Assert.Equal(["Email", "Ivr", "Sms"], senders);
        Assert.NotNull(silo.App.Services.GetRequiredService<NotificationDispatcher>());
    }
}
