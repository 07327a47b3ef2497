using System.Text;
using System.Text.RegularExpressions;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// The built-in texts of patient messages, by template id, with <c>{{placeholder}}</c> fields. Every offer template
/// names the answer the channel expects (links, YES/NO, digits), and <see cref="RequiredMarkers"/> says which, so a
/// text rewritten by a language model is only used when it still tells the patient how to answer.
/// </summary>
public static partial class MessageTemplates
{
    /// <summary>The placeholder the composer fills in last, so the patient's name never reaches a chat engine.</summary>
    public const string PatientNamePlaceholder = "{{patient_name}}";

    private static readonly Dictionary<string, (string Subject, string Body)> Texts = new(StringComparer.Ordinal)
    {
        ["offer.email"] = (
            "A new time for your {{discipline}} appointment",
            "Hello {{patient_name}},\n\nYour {{discipline}} appointment on {{original_time}} can no longer take place as planned. "
            + "We can offer you {{new_time}} at clinic {{clinic}} instead.\n\nAccept: {{accept_url}}\nDecline: {{decline_url}}\n\n"
            + "This offer expires on {{expires}}."),
        ["offer.sms"] = (
            string.Empty,
            "{{patient_name}}, your {{discipline}} visit on {{original_time}} must move. New time: {{new_time}} at clinic {{clinic}}. "
            + "Reply YES to accept or NO to decline by {{expires}}."),
        ["offer.ivr"] = (
            string.Empty,
            "Hello {{patient_name}}. Your {{discipline}} appointment on {{original_time}} must move. We can offer {{new_time}} at clinic "
            + "{{clinic}}. Press 1 to accept. Press 2 to decline."),
        ["backfill.email"] = (
            "An earlier {{discipline}} appointment is available",
            "Hello {{patient_name}},\n\nA {{discipline}} appointment has opened at {{new_time}} at clinic {{clinic}}.\n\n"
            + "Accept: {{accept_url}}\nDecline: {{decline_url}}\n\nThis offer expires on {{expires}}."),
        ["backfill.sms"] = (
            string.Empty,
            "{{patient_name}}, a {{discipline}} appointment opened at {{new_time}} at clinic {{clinic}}. Reply YES to take it or NO by {{expires}}."),
        ["backfill.ivr"] = (
            string.Empty,
            "Hello {{patient_name}}. A {{discipline}} appointment opened at {{new_time}} at clinic {{clinic}}. Press 1 to take it. Press 2 to decline."),
        ["confirmation.email"] = (
            "Your {{discipline}} appointment is booked",
            "Hello {{patient_name}},\n\nYour {{discipline}} appointment is booked for {{new_time}} at clinic {{clinic}}."),
        ["confirmation.sms"] = (string.Empty, "{{patient_name}}, booked: {{discipline}} on {{new_time}} at clinic {{clinic}}."),
        ["confirmation.ivr"] = (string.Empty, "Hello {{patient_name}}. Your {{discipline}} appointment is booked for {{new_time}} at clinic {{clinic}}."),
    };

    /// <summary>The template id for a message of <paramref name="purpose"/> ("offer", "backfill", "confirmation") on a channel.</summary>
    public static string IdOf(string purpose, NotificationChannel channel) => channel switch
    {
        NotificationChannel.Sms => $"{purpose}.sms",
        NotificationChannel.Ivr => $"{purpose}.ivr",
        _ => $"{purpose}.email",
    };

    /// <summary>The template's subject and body with placeholders.</summary>
    public static (string Subject, string Body) Get(string templateId) =>
        Texts.TryGetValue(templateId, out var text) ? text : throw new KeyNotFoundException($"No message template '{templateId}'.");

    /// <summary>Fills every <c>{{name}}</c> with its value; unknown placeholders stay as they are.</summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(text, match => values.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);
    }

    /// <summary>What a message of the template must contain for the patient to be able to answer it.</summary>
    public static IReadOnlyList<string> RequiredMarkers(string templateId, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (templateId.StartsWith("confirmation.", StringComparison.Ordinal))
        {
            return [];
        }

        return templateId[(templateId.IndexOf('.', StringComparison.Ordinal) + 1)..] switch
        {
            "sms" => ["YES", "NO"],
            "ivr" => ["1", "2"],
            _ => [values["accept_url"], values["decline_url"]],
        };
    }

    /// <summary>The subject and body as one text: the chat engine's answer format ("Subject: …" first when there is one).</summary>
    public static string Join(string subject, string body)
    {
        var text = new StringBuilder();
        if (subject.Length > 0)
        {
            text.Append("Subject: ").Append(subject).Append('\n');
        }

        return text.Append(body).ToString();
    }

    /// <summary>Splits a chat engine's answer back into subject and body.</summary>
    public static (string Subject, string Body) Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Prefix = "Subject: ";
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (string.Empty, text);
        }

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? (text[Prefix.Length..], string.Empty) : (text[Prefix.Length..newline], text[(newline + 1)..]);
    }

    [GeneratedRegex("{{([a-z_]+)}}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
