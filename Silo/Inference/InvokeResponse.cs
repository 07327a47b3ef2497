using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Silo.Inference;

/// <summary>The answer of <c>POST /api/inference/invoke</c>: the decision, who served it, the answer and every attempt.</summary>
public sealed record InvokeResponse(
    RouteDecision Decision,
    string ServedBy,
    ComputeTier? Tier,
    string? Content,
    InferenceUsage? Usage,
    ImmutableArray<InferenceAttempt> Attempts);
