using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Silo.Inference;

/// <summary>What executing a decision came to: the node that served it and its answer, and every attempt on the way.</summary>
public sealed record InferenceExecution
{
    /// <summary>Whether some node answered.</summary>
    public bool Succeeded => ServedBy is not null;

    /// <summary>The node that answered ("device" when the device runs it); null when every attempt failed.</summary>
    public string? ServedBy { get; init; }

    /// <summary>The serving node's tier.</summary>
    public ComputeTier? Tier { get; init; }

    /// <summary>The answer; null when the device runs the request or every attempt failed.</summary>
    public string? Content { get; init; }

    /// <summary>Token counts; null without an answer.</summary>
    public InferenceUsage? Usage { get; init; }

    /// <summary>Every attempt, in order.</summary>
    public ImmutableArray<InferenceAttempt> Attempts { get; init; } = [];
}
