using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reroute.Runtime.Hosting;

namespace Reroute.Runtime.Testing;

/// <summary>An in-process silo on a manual clock, for tests: start, call grains, move time, stop, start again.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host, TestSiloOptions options)
    {
        _host = host;
        Options = options;
    }

    /// <summary>How the silo was set up (reuse it to restart on the same store and clock).</summary>
    public TestSiloOptions Options { get; }

    /// <summary>References to grains.</summary>
    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's clock.</summary>
    public ManualTimeProvider Time => Options.Time;

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a silo.</summary>
    public static async Task<TestSilo> StartAsync(TestSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StorageProvider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            options.DataDirectory ??= Path.Combine(Path.GetTempPath(), "reroute-test-" + Guid.NewGuid().ToString("N"));
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["Reroute:Storage:Provider"] = options.StorageProvider,
        };
        if (options.DataDirectory is not null)
        {
            settings["Reroute:Storage:Sqlite:DataDirectory"] = options.DataDirectory;
        }

        foreach (var (key, value) in options.Configuration)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(options.Time);
        builder.Services.AddGrainRuntime(builder.Configuration, runtime =>
        {
            foreach (var assembly in options.GrainAssemblies)
            {
                runtime.AddGrainAssembly(assembly);
            }
        });
        options.ConfigureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host, options);
    }

    /// <summary>Stops gracefully: drains turns, deactivates every activation, closes the store.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();
}
