using System.Collections.Immutable;

namespace Reroute.Silo.Api;

/// <summary>The body of <c>POST /api/inference/invoke</c>: the route request plus the chat to run.</summary>
public sealed record InvokeRequestBody : RouteRequestBody
{
    /// <summary>The chat messages sent to the chosen node; at least one.</summary>
    public ImmutableArray<ChatMessageBody>? Messages { get; init; }

    /// <summary><c>max_tokens</c> for the node; the expected output size or the configured default when absent.</summary>
    public int? MaxTokens { get; init; }
}
