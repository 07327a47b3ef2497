namespace Reroute.Silo.Api;

/// <summary>The silo's own status.</summary>
public sealed record SiloStatusResponse(string Name, string Version, DateTimeOffset StartedAt, TimeSpan Uptime, string DataDirectory);
