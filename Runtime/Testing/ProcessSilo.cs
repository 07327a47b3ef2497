using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reroute.Runtime.Cluster;
using Reroute.Runtime.Hosting;

namespace Reroute.Runtime.Testing;

/// <summary>
/// A bare silo process for multi-process tests and benchmarks (kill -9 needs a real process): configuration from
/// <c>Key=Value</c> arguments, system time, the grains of one assembly. It reports on standard output — <c>ready</c>
/// once it takes calls and <c>owned N</c> whenever its partition count changes — and stops when standard input closes.
/// </summary>
public static class ProcessSilo
{
    /// <summary>The line a silo prints once ready.</summary>
    public const string ReadyLine = "ready";

    /// <summary>The prefix of the line a silo prints when the number of partitions it owns changes.</summary>
    public const string OwnedPrefix = "owned ";

    // How often readiness and ownership are looked at for the report lines.
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs a silo until standard input closes (the parent went away or let go).</summary>
    public static async Task<int> RunAsync(IEnumerable<string> arguments, Assembly grains)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var settings = new Dictionary<string, string?>();
        foreach (var argument in arguments)
        {
            var split = argument.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                await Console.Error.WriteLineAsync($"expected Key=Value, got '{argument}'");
                return 2;
            }

            settings[argument[..split]] = argument[(split + 1)..];
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(static o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrainRuntime(builder.Configuration, runtime => runtime.AddGrainAssembly(grains));
        using var host = builder.Build();
        await host.StartAsync();
        var status = host.Services.GetRequiredService<SiloStatus>();
        var transport = host.Services.GetService<ClusterTransport>();
        var stdin = Task.Run(static () => Console.In.ReadToEnd());
        var reportedReady = false;
        var owned = -1;
        while (!stdin.IsCompleted)
        {
            if (!reportedReady && status.IsReady)
            {
                reportedReady = true;
                Console.WriteLine(ReadyLine);
            }

            if (transport is not null && transport.OwnedPartitions.Count != owned)
            {
                owned = transport.OwnedPartitions.Count;
                Console.WriteLine(OwnedPrefix + owned.ToString(CultureInfo.InvariantCulture));
            }

            await Task.WhenAny(stdin, Task.Delay(ReportInterval));
        }

        await host.StopAsync();
        return 0;
    }
}
