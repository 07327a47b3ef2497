namespace Reroute.Silo.Api;

/// <summary>The body of <c>/health</c> and of a ready <c>/ready</c>.</summary>
public sealed record HealthResponse(string Status);
