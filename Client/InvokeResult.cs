using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Client;

/// <summary>
/// What an invoke came to: the decision, the node that served it (or "device" with no content: the device runs it), the
/// answer, the token usage and every attempt.
/// </summary>
public sealed record InvokeResult(
    RouteDecision Decision,
    string ServedBy,
    ComputeTier? Tier,
    string? Content,
    InvokeUsage? Usage,
    ImmutableArray<InvokeAttempt> Attempts);
