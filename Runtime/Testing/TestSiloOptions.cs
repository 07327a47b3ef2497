using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Reroute.Runtime.Testing;

/// <summary>How a <see cref="TestSilo"/> is set up.</summary>
public sealed class TestSiloOptions
{
    /// <summary>The clock; pass the previous silo's to restart "later" on the same timeline.</summary>
    public ManualTimeProvider Time { get; set; } = new();

    /// <summary><c>Memory</c> (default) or <c>Sqlite</c>.</summary>
    public string StorageProvider { get; set; } = "Memory";

    /// <summary>The SQLite data folder (a new temporary one when null and SQLite is used).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Assemblies holding the grains under test.</summary>
    public List<Assembly> GrainAssemblies { get; } = [];

    /// <summary>Extra configuration, e.g. <c>["Reroute:Runtime:CallTimeout"] = "00:00:05"</c>.</summary>
    public Dictionary<string, string?> Configuration { get; } = [];

    /// <summary>Extra services (call filters, fakes of remote services).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}
