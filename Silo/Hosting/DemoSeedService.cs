using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Demo;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Silo.Options;

namespace Reroute.Silo.Hosting;

/// <summary>
/// Seeds the demo network into <see cref="DemoOptions.Tenant"/> on the silo's first start. Registered after the grain
/// runtime, so it runs once the store is open, and before the host reports started, so <c>/ready</c> waits for it.
/// </summary>
internal sealed partial class DemoSeedService(
    IGrainFactory grains,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoSeedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.SeedOnFirstStart)
        {
            return;
        }

        try
        {
            var marker = await DemoNetworkSeeder.SeedOnceAsync(grains, demo.Tenant, demo.Seed, time, cancellationToken);
            LogMarker(demo.Tenant, marker.Stage, marker.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), marker.Providers, marker.Patients, marker.Appointments);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The silo is useful without the demo; the marker still says Seeding, so the next start finishes the job.
            LogFailed(exception, demo.Tenant);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo network in tenant {Tenant}: {Stage} (appointments from {StartDate}; {Providers} providers, {Patients} patients, {Appointments} appointments)")]
    private partial void LogMarker(string tenant, DemoSeedStage stage, string startDate, int providers, int patients, int appointments);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding the demo network into tenant {Tenant} failed; the next start tries again")]
    private partial void LogFailed(Exception exception, string tenant);
}
