namespace Reroute.Silo.Inference;

/// <summary>Token counts the serving node reported; zero where it reported none.</summary>
public sealed record InferenceUsage(int PromptTokens, int CompletionTokens, int TotalTokens);
