namespace Reroute.Grains.Routing.Simulation;

/// <summary>One row of an Azure LLM inference trace: when the request arrived and how many tokens went in and came out.</summary>
/// <param name="ArrivalMs">Milliseconds since the trace's first arrival.</param>
/// <param name="ContextTokens">Prompt (input) tokens.</param>
/// <param name="GeneratedTokens">Output tokens produced.</param>
public readonly record struct TraceRecord(double ArrivalMs, int ContextTokens, int GeneratedTokens);
