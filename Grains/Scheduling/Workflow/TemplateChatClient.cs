using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// The built-in chat engine: renders the template named in the request with its values, deterministically and without a
/// network. It is the default <see cref="IChatClient"/>; a language model endpoint can replace it to personalise texts.
/// </summary>
public sealed class TemplateChatClient : IChatClient
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key naming the template.</summary>
    public const string TemplateKey = "reroute.template";

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key holding the values (a string dictionary).</summary>
    public const string ValuesKey = "reroute.values";

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var properties = options?.AdditionalProperties;
        if (properties is null
            || !properties.TryGetValue(TemplateKey, out var template) || template is not string templateId
            || !properties.TryGetValue(ValuesKey, out var raw) || raw is not IReadOnlyDictionary<string, string> values)
        {
            throw new ArgumentException($"The template engine needs '{TemplateKey}' and '{ValuesKey}' in the options' additional properties.", nameof(options));
        }

        var (subject, body) = MessageTemplates.Get(templateId);
        var text = MessageTemplates.Join(MessageTemplates.Render(subject, values), MessageTemplates.Render(body, values));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
