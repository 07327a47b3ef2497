namespace Reroute.Client;

/// <summary>Whether the silo should receive traffic, as its <c>/ready</c> says.</summary>
/// <param name="IsReady">True when the silo answered 200.</param>
/// <param name="Reason">Why the silo is not ready (the problem's detail, else its title); null when it is ready.</param>
/// <param name="Problem">The problem the silo answered with when not ready; null when it is ready.</param>
public sealed record ReadinessResult(bool IsReady, string? Reason, RerouteProblem? Problem);
