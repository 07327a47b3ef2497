namespace Reroute.Client;

/// <summary>The body of the silo's <c>/health</c> (and of a ready <c>/ready</c>).</summary>
/// <param name="Status">The silo's word for its state, e.g. <c>healthy</c>.</param>
public sealed record HealthResponse(string Status);
