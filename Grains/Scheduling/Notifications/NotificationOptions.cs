using System.ComponentModel.DataAnnotations;

namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>Where notifications go and how long a channel may take, bound from <c>Reroute:Notifications</c>.</summary>
public sealed record NotificationOptions : IValidatableObject
{
    // Bounds wide enough for any relay, narrow enough to catch seconds typed as milliseconds or the reverse.
    private const int MaxPort = 65_535;
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The configuration section.</summary>
    public const string Section = "Reroute:Notifications";

    /// <summary>The SMTP relay email is handed to.</summary>
    public string SmtpHost { get; set; } = "localhost";

    /// <summary>The relay's port; 25 is the plain SMTP relay port.</summary>
    public int SmtpPort { get; set; } = 25;

    /// <summary>The envelope and header sender of every email.</summary>
    public string SmtpFrom { get; set; } = "no-reply@reroute.local";

    /// <summary>The name the silo gives itself in EHLO.</summary>
    public string SmtpClientName { get; set; } = "reroute";

    /// <summary>How long one whole SMTP conversation may take.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The HTTP(S) endpoint SMS messages are posted to; empty leaves SMS unconfigured (sends fail).</summary>
    public string SmsWebhookUrl { get; set; } = string.Empty;

    /// <summary>The HTTP(S) endpoint IVR calls are posted to; empty leaves IVR unconfigured (sends fail).</summary>
    public string IvrWebhookUrl { get; set; } = string.Empty;

    /// <summary>
    /// The shared secret the SMS and IVR providers sign inbound webhooks with (header <c>X-Reroute-Signature:
    /// sha256=hex(HMAC-SHA256(secret, body))</c>). Empty: inbound webhooks are refused.
    /// </summary>
    public string InboundWebhookSecret { get; set; } = string.Empty;

    /// <summary>How long one webhook call may take.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Problems with the values, each naming its member.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(SmtpHost), SmtpHost), (nameof(SmtpFrom), SmtpFrom), (nameof(SmtpClientName), SmtpClientName) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsWhiteSpace))
            {
                yield return new ValidationResult("must be set and hold no whitespace.", [name]);
            }
        }

        if (SmtpPort < 1 || SmtpPort > MaxPort)
        {
            yield return new ValidationResult($"must be between 1 and {MaxPort} (was {SmtpPort}).", [nameof(SmtpPort)]);
        }

        foreach (var (name, value) in new[] { (nameof(SmtpTimeout), SmtpTimeout), (nameof(WebhookTimeout), WebhookTimeout) })
        {
            if (value < MinTimeout || value > MaxTimeout)
            {
                yield return new ValidationResult($"must be between {MinTimeout} and {MaxTimeout} (was {value}).", [name]);
            }
        }

        foreach (var (name, value) in new[] { (nameof(SmsWebhookUrl), SmsWebhookUrl), (nameof(IvrWebhookUrl), IvrWebhookUrl) })
        {
            if (value.Length > 0 && !IsHttpUrl(value))
            {
                yield return new ValidationResult("must be empty or an absolute http or https URL.", [name]);
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
