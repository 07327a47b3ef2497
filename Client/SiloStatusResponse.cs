namespace Reroute.Client;

/// <summary>The silo's own status (<c>GET /api/silo</c>, for operators).</summary>
/// <param name="Name">The silo's configured name.</param>
/// <param name="Version">The silo build's informational version.</param>
/// <param name="StartedAt">When the silo started.</param>
/// <param name="Uptime">How long the silo had been running when it answered.</param>
/// <param name="DataDirectory">The silo's absolute data directory.</param>
/// <param name="Runtime">The grain runtime's counts.</param>
public sealed record SiloStatusResponse(
    string Name,
    string Version,
    DateTimeOffset StartedAt,
    TimeSpan Uptime,
    string DataDirectory,
    GrainRuntimeStatistics Runtime);
