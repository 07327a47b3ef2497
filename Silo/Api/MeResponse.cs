namespace Reroute.Silo.Api;

/// <summary>Who the caller is, as the silo sees the token.</summary>
public sealed record MeResponse(string? Subject, IReadOnlyList<string> Roles, string? Tenant);
