using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// Writes patient messages through the <see cref="IChatClient"/> seam. The engine sees the template and the values with
/// the patient's name left as a placeholder, so no PHI leaves even when the engine is a remote model; its text is used
/// only if it still carries every answer marker of the channel, else the built-in template is used.
/// </summary>
public sealed partial class PatientMessageComposer(
    [FromKeyedServices(PatientMessageComposer.ChatClientKey)] IChatClient chat,
    ILogger<PatientMessageComposer> logger)
{
    /// <summary>
    /// The service key of the chat client that writes patient messages. Keyed, because the routing grains' reasoning
    /// engine is the host's unkeyed <see cref="IChatClient"/>: sharing it sent patients that engine's answers.
    /// </summary>
    public const string ChatClientKey = "reroute.patient-messages";

    private const string Instructions =
        "You write short, warm appointment messages to patients. Rewrite the draft in plain language. Keep every "
        + "{{placeholder}}, every link and every reply keyword or digit exactly as written. Answer with the message only; "
        + "start with 'Subject: ' and the subject on the first line when the draft has one.";

    /// <summary>
    /// A message of <paramref name="purpose"/> ("offer", "backfill", "confirmation") for the patient on
    /// <paramref name="channel"/>, with <paramref name="values"/> filling the template's fields.
    /// </summary>
    public async Task<OutboundMessage> ComposeAsync(
        string messageId, string tenant, string purpose, PatientProfile patient, NotificationChannel channel,
        IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var templateId = MessageTemplates.IdOf(purpose, channel);
        var (subject, body) = MessageTemplates.Get(templateId);
        var draft = MessageTemplates.Join(MessageTemplates.Render(subject, values), MessageTemplates.Render(body, values));
        var text = await RewriteAsync(messageId, templateId, draft, values, cancellationToken) ?? draft;
        var (finalSubject, finalBody) = MessageTemplates.Split(text);
        var name = string.IsNullOrWhiteSpace(patient.Contact?.DisplayName) ? "there" : patient.Contact!.DisplayName;
        return new OutboundMessage
        {
            MessageId = messageId,
            Tenant = tenant,
            PatientId = patient.Id,
            Channel = channel,
            Recipient = channel switch
            {
                NotificationChannel.Email => patient.Contact?.Email ?? string.Empty,
                NotificationChannel.Sms or NotificationChannel.Ivr => patient.Contact?.Phone ?? string.Empty,
                _ => string.Empty,
            },
            Subject = finalSubject.Replace(MessageTemplates.PatientNamePlaceholder, name, StringComparison.Ordinal),
            Body = finalBody.Replace(MessageTemplates.PatientNamePlaceholder, name, StringComparison.Ordinal),
        };
    }

    private async Task<string?> RewriteAsync(
        string messageId, string templateId, string draft, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Instructions = Instructions,
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [TemplateChatClient.TemplateKey] = templateId,
                [TemplateChatClient.ValuesKey] = values,
            },
        };
        try
        {
            var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, draft)], options, cancellationToken);
            var text = response.Text;
            var markers = MessageTemplates.RequiredMarkers(templateId, values);
            if (!string.IsNullOrWhiteSpace(text) && markers.All(m => text.Contains(m, StringComparison.Ordinal)))
            {
                return text;
            }

            LogRejected(logger, messageId, templateId);
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A broken engine must not stop a patient from hearing about their appointment.
            LogEngineFailed(logger, error, messageId, templateId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId}: the chat engine's text for {TemplateId} lost an answer marker; the template is used")]
    private static partial void LogRejected(ILogger logger, string messageId, string templateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId}: the chat engine failed for {TemplateId}; the template is used")]
    private static partial void LogEngineFailed(ILogger logger, Exception error, string messageId, string templateId);
}
