using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Runtime.Cluster;
using Reroute.Runtime.Core;
using Amazon.DynamoDBv2;
using Reroute.Runtime.Persistence;
using Reroute.Runtime.Persistence.DynamoDb;
using Reroute.Runtime.Streams;
using Reroute.Runtime.Timers;

namespace Reroute.Runtime.Hosting;

/// <summary>Registers the grain runtime in a host.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime: options from <c>Reroute:Runtime</c>, <c>Reroute:Storage</c> and <c>Reroute:Cluster</c> (validated at start-up),
    /// the configured storage, reminders, streams, <see cref="IGrainFactory"/>, <see cref="SiloStatus"/>, and the hosted
    /// service that starts and gracefully stops it.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, IConfiguration configuration, Action<GrainRuntimeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new GrainRuntimeBuilder();
        configure(builder);

        services.AddOptions<RuntimeOptions>().Bind(configuration.GetSection(RuntimeOptions.Section), static b => b.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section), static b => b.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuntimeOptions>>(new OptionsValidation<RuntimeOptions>(RuntimeOptions.Section));
        services.AddSingleton<IValidateOptions<StorageOptions>>(new OptionsValidation<StorageOptions>(StorageOptions.Section));
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section), static b => b.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>>(new OptionsValidation<ClusterOptions>(ClusterOptions.Section));
        services.AddSingleton<ClusterTransport>();
        services.AddSingleton<ClusterStatus>();
        services.AddSingleton<IOptions<SqliteOptions>>(static sp => Options.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Sqlite));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IExternalScopeProvider, RequestContextScopeProvider>();
        services.AddSingleton(new GrainClassCatalog(builder.Assemblies));
        services.AddSingleton<SiloStatus>();

        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<MemoryGrainStorage>();
        services.AddSingleton(static sp => new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAmazonDynamoDB>(static sp => DynamoDbClientFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DynamoDb));
        services.AddSingleton(static sp => new DynamoDbGrainStorage(
            sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.DynamoDb, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            IGrainStorage[] providers = options switch
            {
                { UsesSqlite: true } => [sp.GetRequiredService<SqliteGrainStorage>(), sp.GetRequiredService<MemoryGrainStorage>()],
                { UsesDynamoDb: true } => [sp.GetRequiredService<DynamoDbGrainStorage>(), sp.GetRequiredService<MemoryGrainStorage>()],
                _ => [sp.GetRequiredService<MemoryGrainStorage>()],
            };
            return new GrainStorageRegistry(providers, options.Provider);
        });
        services.TryAddSingleton<IReminderTable>(static sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value switch
        {
            { UsesSqlite: true } => new SqliteReminderTable(sp.GetRequiredService<SqliteDatabase>()),
            { UsesDynamoDb: true } options => new DynamoDbReminderTable(sp.GetRequiredService<IAmazonDynamoDB>(), options.DynamoDb),
            _ => new MemoryReminderTable(),
        });

        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(static sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton<ReminderService>();
        services.AddSingleton<IStreamProvider>(static sp => new MemoryStreamProvider(
            MemoryStreamProvider.DefaultName, sp.GetRequiredService<GrainRuntime>(), sp.GetRequiredService<ILogger<MemoryStreamProvider>>()));
        services.AddSingleton(static sp => (IGrainRuntimeStatistics)new GrainRuntimeStatisticsSource(sp.GetRequiredService<GrainRuntime>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider));
        services.AddHostedService<SiloLifecycle>();
        return services;
    }
}
