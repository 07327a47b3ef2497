using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reroute.Runtime.Hosting;

namespace Reroute.Benchmarks;

/// <summary>An in-process silo on the real clock, as the Silo runs it, for measuring.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host, string? dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public string? DataDirectory { get; }

    public static async Task<BenchSilo> StartAsync(string storage) => await StartAsync(storage, null);

    /// <summary>A silo on <paramref name="storage"/> that also hosts the product's grains with the services <paramref name="configure"/> adds.</summary>
    public static async Task<BenchSilo> StartAsync(string storage, Action<IServiceCollection>? configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        string? data = null;
        var settings = new Dictionary<string, string?> { ["Reroute:Storage:Provider"] = storage };
        if (storage == "Sqlite")
        {
            data = Path.Combine(Path.GetTempPath(), "reroute-bench-" + Guid.NewGuid().ToString("N"));
            settings["Reroute:Storage:Sqlite:DataDirectory"] = data;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddGrainRuntime(builder.Configuration, runtime =>
        {
            runtime.AddGrainAssembly<BenchSilo>();
            if (configure is not null)
            {
                runtime.AddGrainAssembly(Reroute.Grains.GrainsAssembly.Assembly);
            }
        });
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, data);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (DataDirectory is not null)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
