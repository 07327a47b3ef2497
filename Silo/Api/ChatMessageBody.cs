namespace Reroute.Silo.Api;

/// <summary>One chat message of an invoked request, as OpenAI-compatible endpoints take it.</summary>
public sealed record ChatMessageBody
{
    /// <summary>system, user or assistant.</summary>
    public string? Role { get; init; }

    /// <summary>The message text.</summary>
    public string? Content { get; init; }
}
