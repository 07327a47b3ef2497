using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reroute.Runtime.Hosting;

namespace Reroute.Runtime.Cluster;

/// <summary>
/// Calls grains of a RabbitMQ cluster from outside it — for trusted services inside the VPC that would rather not go
/// through the silos' HTTP API. It joins no membership, owns no partition and hosts no grain: every call is published
/// to the grain's partition queue (persistent, confirmed) and answered on this process's reply queue.
/// </summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host) => _host = host;

    /// <summary>References to the cluster's grains.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Whether the broker connection is up (calls made while it is down wait for it).</summary>
    public bool IsConnected => _host.Services.GetRequiredService<ClusterTransport>().IsConnected;

    /// <summary>Calls this client has published, and the broker messages they went in.</summary>
    public ClusterTraffic Traffic => _host.Services.GetRequiredService<ClusterTransport>().Traffic;

    /// <summary>
    /// Connects to the cluster described by <paramref name="configuration"/> (its <c>Reroute:Cluster</c> and
    /// <c>Reroute:Runtime</c> sections: broker URI, cluster name and partition count as the silos have them, call
    /// timeout) and waits until the broker answers.
    /// </summary>
    public static async Task<ClusterClient> ConnectAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ClusterOptions.Section}:{nameof(ClusterOptions.Mode)}"] = nameof(ClusterMode.RabbitMQ),
            [$"{ClusterOptions.Section}:{nameof(ClusterOptions.ClientOnly)}"] = bool.TrueString,
            [$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"] = Persistence.MemoryGrainStorage.DefaultName,
        });
        builder.Services.AddGrainRuntime(builder.Configuration, static _ => { });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            await host.Services.GetRequiredService<ClusterTransport>().WhenConnected(cancellationToken);
            return new ClusterClient(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
