using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Runtime.Cluster;
using Reroute.Runtime.Core;
using Reroute.Runtime.Persistence;
using Reroute.Runtime.Timers;

namespace Reroute.Runtime.Hosting;

/// <summary>
/// Starts the runtime in order — store open and checked, reminders loaded, then ready — and stops it in reverse:
/// refuse new calls, stop reminders, drain turns and deactivate every activation (which persist in
/// <c>OnDeactivateAsync</c>), flush the store.
/// </summary>
internal sealed partial class SiloLifecycle(
    GrainRuntime runtime,
    ReminderService reminders,
    SiloStatus status,
    IOptions<StorageOptions> storage,
    IOptions<ClusterOptions> cluster,
    IServiceProvider services,
    TimeProvider time,
    ILogger<SiloLifecycle> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        status.NotReady("opening storage");
        if (storage.Value.UsesSqlite)
        {
            ((SqliteDatabase)services.GetService(typeof(SqliteDatabase))!).Open();
        }

        if (storage.Value.UsesDynamoDb)
        {
            await CheckDynamoDbTables(cancellationToken);
        }

        if (cluster.Value.UsesRabbitMq)
        {
            // Created before reminders load: from then on only reminders of partitions this silo owns fire here.
            _ = Transport;
        }

        status.NotReady("loading reminders");
        await reminders.StartAsync(cancellationToken);
        if (cluster.Value.UsesRabbitMq)
        {
            // Connects (retrying with backoff while the broker is unreachable) in the background; the transport makes
            // the silo ready once it is connected and consuming its partitions.
            Transport.Start();
        }
        else
        {
            status.Ready(time.GetUtcNow());
        }

        LogStarted(runtime.Classes.All.Count(), storage.Value.Provider);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        status.NotReady("stopping");
        runtime.BeginStopping();
        reminders.Stop();
        if (cluster.Value.UsesRabbitMq)
        {
            await Transport.LeaveAsync(cancellationToken);
        }

        await runtime.DeactivateAllAsync(cancellationToken);
        if (cluster.Value.UsesRabbitMq)
        {
            await Transport.DisposeAsync();
        }

        if (storage.Value.UsesSqlite)
        {
            await ((SqliteDatabase)services.GetService(typeof(SqliteDatabase))!).DisposeAsync();
        }

        runtime.Dispose();
        LogStopped();
    }

    private ClusterTransport Transport => (ClusterTransport)services.GetService(typeof(ClusterTransport))!;

    private async Task CheckDynamoDbTables(CancellationToken cancellationToken)
    {
        var client = (Amazon.DynamoDBv2.IAmazonDynamoDB)services.GetService(typeof(Amazon.DynamoDBv2.IAmazonDynamoDB))!;
        IReadOnlyList<string> missing;
        try
        {
            missing = await Persistence.DynamoDb.DynamoDbTables.MissingAsync(client, storage.Value.DynamoDb, cancellationToken);
        }
        catch (Exception exception) when (exception is Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            throw new StorageStartupException(
                $"DynamoDB at {storage.Value.DynamoDb.ServiceUrl ?? storage.Value.DynamoDb.Region} could not be reached: {exception.Message}", exception);
        }

        if (missing.Count > 0)
        {
            throw new StorageStartupException(
                $"DynamoDB table(s) {string.Join(", ", missing)} do not exist. Create them with `dotnet run --project Silo -- init-dynamodb` " +
                "(same configuration as the silo) or in your infrastructure code.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain runtime ready: {GrainClasses} grain classes, storage {Storage}")]
    private partial void LogStarted(int grainClasses, string storage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain runtime stopped")]
    private partial void LogStopped();
}
