using System.Reflection;
using Microsoft.Extensions.Options;
using Reroute.Silo.Options;

namespace Reroute.Silo.Hosting;

/// <summary>What the silo reports about itself: name, version, when it started.</summary>
public sealed class SiloInfo(IOptions<SiloOptions> options, TimeProvider timeProvider)
{
    /// <summary>The silo's name.</summary>
    public string Name { get; } = options.Value.Name;

    /// <summary>The informational version of the silo assembly (includes the commit when the build stamps it).</summary>
    public string Version { get; } =
        typeof(SiloInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SiloInfo).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The absolute data directory.</summary>
    public string DataDirectory { get; } = options.Value.GetDataDirectoryPath();

    /// <summary>When this instance was created, which the host does as it builds.</summary>
    public DateTimeOffset StartedAt { get; } = timeProvider.GetUtcNow();

    /// <summary>Time since <see cref="StartedAt"/>.</summary>
    public TimeSpan Uptime => timeProvider.GetUtcNow() - StartedAt;
}
