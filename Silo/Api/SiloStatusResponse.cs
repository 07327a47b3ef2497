using Reroute.Runtime.Hosting;

namespace Reroute.Silo.Api;

/// <summary>The silo's own status, with the grain runtime's counts.</summary>
public sealed record SiloStatusResponse(string Name, string Version, DateTimeOffset StartedAt, TimeSpan Uptime, string DataDirectory, GrainRuntimeStatistics Runtime);
