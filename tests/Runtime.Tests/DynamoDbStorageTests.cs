using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reroute.Runtime.Persistence;
using Reroute.Runtime.Persistence.DynamoDb;
using Reroute.Runtime.Testing;
using Reroute.Runtime.Tests.Grains;
using Reroute.TestServers;
using Reroute.Runtime.Timers;

namespace Reroute.Runtime.Tests;

/// <summary>The DynamoDB provider against a real DynamoDB-compatible server (dynalite) on loopback.</summary>
public sealed class DynamoDbStorageTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>
{
    private static readonly string StatefulType = typeof(IStatefulGrain).FullName!;

    [Fact]
    public async Task State_round_trips_and_the_item_is_readable_json_with_its_grain_named()
    {
        var (client, options, storage) = await Create();
        var grainId = new GrainId(StatefulType, Silos.Key());

        var etag = await storage.WriteAsync(grainId, "profile", """{"value":"12 visits","reminders":0}""", null, CancellationToken.None);
        var stored = await storage.ReadAsync(grainId, "profile", CancellationToken.None);

        Assert.Equal(new StoredState("""{"value":"12 visits","reminders":0}""", etag), stored);
        var item = (await client.GetItemAsync(options.StateTable, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = grainId.ToString() },
            ["sk"] = new() { S = "profile" },
        })).Item;
        Assert.Equal("""{"value":"12 visits","reminders":0}""", item["data"].S);
        Assert.Equal(grainId.Type, item["grainType"].S);
        Assert.Equal(grainId.Key, item["grainKey"].S);
    }

    [Fact]
    public async Task A_stale_activation_write_fails_in_dynamodb_and_the_stored_state_is_unchanged()
    {
        var (_, _, storage) = await Create();
        var grainId = new GrainId(StatefulType, Silos.Key());
        var first = await storage.WriteAsync(grainId, "profile", """{"value":"v1"}""", null, CancellationToken.None);
        var second = await storage.WriteAsync(grainId, "profile", """{"value":"v2"}""", first, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grainId, "profile", """{"value":"stale"}""", first, CancellationToken.None));
        Assert.Equal(second, error.StoredEtag);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grainId, "profile", """{"value":"again"}""", null, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(grainId, "profile", first, CancellationToken.None));

        Assert.Equal(new StoredState("""{"value":"v2"}""", second), await storage.ReadAsync(grainId, "profile", CancellationToken.None));
        await storage.ClearAsync(grainId, "profile", second, CancellationToken.None);
        Assert.Null(await storage.ReadAsync(grainId, "profile", CancellationToken.None));
    }

    [Fact]
    public async Task A_version_from_before_a_clear_can_never_write_over_what_came_after_it()
    {
        var (_, _, storage) = await Create();
        var grainId = new GrainId(StatefulType, Silos.Key());
        var stale = await storage.WriteAsync(grainId, "profile", """{"value":"v1"}""", null, CancellationToken.None);
        var live = await storage.WriteAsync(grainId, "profile", """{"value":"v2"}""", stale, CancellationToken.None);
        await storage.ClearAsync(grainId, "profile", live, CancellationToken.None);
        Assert.Null(await storage.ReadAsync(grainId, "profile", CancellationToken.None));
        var recreated = await storage.WriteAsync(grainId, "profile", """{"value":"v3"}""", null, CancellationToken.None);

        Assert.Equal("4", recreated);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grainId, "profile", """{"value":"stale"}""", stale, CancellationToken.None));
        Assert.Equal("""{"value":"v3"}""", (await storage.ReadAsync(grainId, "profile", CancellationToken.None))!.Json);
    }

    [Fact]
    public async Task A_state_over_400_KB_is_refused_with_a_clear_error_and_nothing_is_written()
    {
        var (_, _, storage) = await Create();
        var grainId = new GrainId(StatefulType, Silos.Key());
        var huge = $$"""{"value":"{{new string('x', 410 * 1024)}}"}""";

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(
            () => storage.WriteAsync(grainId, "profile", huge, null, CancellationToken.None));

        Assert.Contains("limited to 400 KB", error.Message);
        Assert.Null(await storage.ReadAsync(grainId, "profile", CancellationToken.None));
    }

    [Fact]
    public async Task Reminders_are_kept_replaced_and_removed()
    {
        var (client, options, _) = await Create();
        var table = new DynamoDbReminderTable(client, options);
        var grainId = new GrainId(StatefulType, Silos.Key());
        var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

        await table.UpsertAsync(new ReminderEntry(grainId, "expiry", start, TimeSpan.FromHours(24), start), CancellationToken.None);
        await table.UpsertAsync(new ReminderEntry(grainId, "expiry", start, TimeSpan.FromHours(24), start.AddHours(24)), CancellationToken.None);
        await table.UpsertAsync(new ReminderEntry(grainId, "nudge", start, TimeSpan.FromMinutes(5), start), CancellationToken.None);

        var all = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(2, all.Count);
        Assert.Equal(start.AddHours(24), all.Single(r => r.ReminderName == "expiry").NextDue);

        await table.RemoveAsync(grainId, "nudge", CancellationToken.None);
        Assert.Equal("expiry", Assert.Single(await table.ReadAllAsync(CancellationToken.None)).ReminderName);
    }

    [Fact]
    public async Task A_silo_on_dynamodb_keeps_state_and_reminders_across_a_restart()
    {
        var (_, options, _) = await Create();
        var silo = Silos.Options("DynamoDb");
        Configure(silo, options);
        var key = Silos.Key();

        await using (var first = await TestSilo.StartAsync(silo))
        {
            var grain = first.GrainFactory.GetGrain<IStatefulGrain>(key);
            await grain.Set("on dynamodb", write: true);
            await grain.RegisterReminder(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        }

        await using var second = await TestSilo.StartAsync(silo);
        Assert.Equal("on dynamodb", await second.GrainFactory.GetGrain<IStatefulGrain>(key).Get());
        second.Time.Advance(TimeSpan.FromMinutes(10));
        await Signals.Wait($"reminder:{key}:1");
    }

    [Fact]
    public async Task A_silo_whose_tables_are_missing_refuses_to_start_and_says_how_to_create_them()
    {
        var silo = Silos.Options("DynamoDb");
        var options = Options();
        Configure(silo, options);

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => TestSilo.StartAsync(silo));

        Assert.Contains(options.StateTable, error.Message);
        Assert.Contains("init-dynamodb", error.Message);
    }

    private DynamoDbOptions Options()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        return new DynamoDbOptions
        {
            ServiceUrl = dynalite.ServiceUrl,
            AccessKey = "test",
            SecretKey = "test",
            StateTable = "state-" + suffix,
            RemindersTable = "reminders-" + suffix,
        };
    }

    private async Task<(IAmazonDynamoDB Client, DynamoDbOptions Options, DynamoDbGrainStorage Storage)> Create()
    {
        var options = Options();
        var client = DynamoDbClientFactory.Create(options);
        await DynamoDbTables.EnsureCreatedAsync(client, options, TimeProvider.System, CancellationToken.None);
        return (client, options, new DynamoDbGrainStorage(client, options, TimeProvider.System));
    }

    private static void Configure(TestSiloOptions silo, DynamoDbOptions options)
    {
        silo.Configuration["Reroute:Storage:DynamoDb:ServiceUrl"] = options.ServiceUrl;
        silo.Configuration["Reroute:Storage:DynamoDb:AccessKey"] = options.AccessKey;
        silo.Configuration["Reroute:Storage:DynamoDb:SecretKey"] = options.SecretKey;
        silo.Configuration["Reroute:Storage:DynamoDb:StateTable"] = options.StateTable;
        silo.Configuration["Reroute:Storage:DynamoDb:RemindersTable"] = options.RemindersTable;
    }
}
