namespace Reroute.Client;

/// <summary>Who the caller is, as the silo reads the bearer token (<c>GET /api/me</c>).</summary>
/// <param name="Subject">The token's <c>sub</c>.</param>
/// <param name="Roles">The token's roles, e.g. <c>ehr-integration</c>.</param>
/// <param name="Tenant">The clinic network or edge operator the token acts for; null when it names none.</param>
public sealed record MeResponse(string? Subject, IReadOnlyList<string> Roles, string? Tenant);
