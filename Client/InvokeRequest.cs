using System.Collections.Immutable;

namespace Reroute.Client;

/// <summary>An inference request to route and run: the route request plus the chat.</summary>
public sealed record InvokeRequest : RouteRequest
{
    /// <summary>The chat sent to the chosen node; at least one message.</summary>
    public ImmutableArray<ChatTurn> Messages { get; init; } = [];

    /// <summary><c>max_tokens</c> for the node; null for the expected output size (or the silo's default).</summary>
    public int? MaxTokens { get; init; }
}
