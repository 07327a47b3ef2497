namespace Reroute.Client;

/// <summary>Token counts the serving node reported.</summary>
public sealed record InvokeUsage(int PromptTokens, int CompletionTokens, int TotalTokens);
