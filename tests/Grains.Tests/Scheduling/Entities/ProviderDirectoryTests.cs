using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Demo;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Runtime.Persistence;
using Reroute.Runtime.Serialization;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Scheduling.Entities;

/// <summary>
/// The provider directory is stored as one shard per clinic behind the tenant's directory grain, so that no stored
/// record grows with the whole network (DynamoDB refuses items over 400 KB).
/// </summary>
public sealed class ProviderDirectoryTests
{
    private const string DirectoryState = "directory";
    private const string ShardState = "clinic-directory";

    [Fact]
    public async Task Listings_are_stored_per_clinic_and_the_tenant_record_holds_only_the_clinics()
    {
        var options = EntitySilo.Options("Sqlite");
        await using (var silo = await TestSilo.StartAsync(options))
        {
            await Directory(silo).RegisterMany([Listing("T1", "C1", "PT"), Listing("T2", "C2", "OT"), Listing("T3", "C1", "OT")]);
            await Directory(silo).Register(Listing("T4", "C3", "PT"));

            var tenant = await Read<ProviderDirectoryState>(silo, typeof(IProviderDirectoryGrain), EntitySilo.Tenant, DirectoryState);
            Assert.Equal(["C1", "C2", "C3"], tenant.Clinics);
            Assert.Empty(tenant.Providers);
            Assert.Equal(["T1", "T3"], await ShardIds(silo, "C1"));
            Assert.Equal(["T2"], await ShardIds(silo, "C2"));
        }

        // A new silo answers from the shards.
        await using var restarted = await TestSilo.StartAsync(options);
        Assert.Equal(["T1", "T2", "T3", "T4"], (await Directory(restarted).Find(null, null)).Select(static p => p.ProviderId));
        Assert.Equal(["T2", "T3"], (await Directory(restarted).Find(null, "ot")).Select(static p => p.ProviderId));
        Assert.Equal(["T1"], (await Directory(restarted).Find("C1", "PT")).Select(static p => p.ProviderId));
    }

    [Fact]
    public async Task A_provider_who_moves_clinic_leaves_the_old_clinics_shard()
    {
        await using var silo = await EntitySilo.Start("Sqlite");
        await Directory(silo).RegisterMany([Listing("T1", "C1", "PT"), Listing("T2", "C1", "PT")]);

        await Directory(silo).Register(Listing("T1", "C2", "PT"));

        Assert.Equal(["T2"], await ShardIds(silo, "C1"));
        Assert.Equal(["T1"], await ShardIds(silo, "C2"));
        Assert.Equal(["T2"], (await Directory(silo).Find("C1", null)).Select(static p => p.ProviderId));
        Assert.Equal("C2", Assert.Single(await Directory(silo).Find("C2", null)).ClinicId);
    }

    [Fact]
    public async Task A_directory_stored_before_sharding_moves_into_shards_on_activation()
    {
        await using var silo = await EntitySilo.Start("Sqlite");
        var legacy = new ProviderDirectoryState { Providers = [Listing("T1", "C1", "PT"), Listing("T2", "C2", "PT")] };
        await Storage(silo).WriteAsync(Id(typeof(IProviderDirectoryGrain), EntitySilo.Tenant), DirectoryState, Json(legacy), null, CancellationToken.None);

        Assert.Equal(["T1", "T2"], (await Directory(silo).Find(null, null)).Select(static p => p.ProviderId));

        var tenant = await Read<ProviderDirectoryState>(silo, typeof(IProviderDirectoryGrain), EntitySilo.Tenant, DirectoryState);
        Assert.Equal(["C1", "C2"], tenant.Clinics);
        Assert.Empty(tenant.Providers);
        Assert.Equal(["T2"], await ShardIds(silo, "C2"));
    }

    [Fact]
    public async Task A_provider_left_in_two_shards_by_a_crash_is_cleared_from_the_stale_one_on_its_next_registration()
    {
        await using var silo = await EntitySilo.Start("Sqlite");
        var storage = Storage(silo);
        await storage.WriteAsync(Id(typeof(IProviderDirectoryGrain), EntitySilo.Tenant), DirectoryState, Json(new ProviderDirectoryState { Clinics = ["C1", "C2"] }), null, CancellationToken.None);
        await storage.WriteAsync(ShardId("C1"), ShardState, Json(new ClinicDirectoryState { Providers = [Listing("T1", "C1", "PT")] }), null, CancellationToken.None);
        await storage.WriteAsync(ShardId("C2"), ShardState, Json(new ClinicDirectoryState { Providers = [Listing("T1", "C2", "PT")] }), null, CancellationToken.None);

        await Directory(silo).Register(Listing("T1", "C2", "PT"));

        Assert.Empty(await ShardIds(silo, "C1"));
        Assert.Equal(["T1"], await ShardIds(silo, "C2"));
        Assert.Equal("C2", Assert.Single(await Directory(silo).Find(null, null)).ClinicId);
    }

    [Fact]
    public async Task At_the_designs_27000_providers_no_stored_directory_record_comes_near_dynamodbs_item_limit()
    {
        const int Providers = 27_000;
        const int DynamoDbItemLimit = 400 * 1024;
        await using var silo = await EntitySilo.Start("Sqlite");
        var clinics = ClinicNetworkSpec.DefaultClinicsFor(Providers);
        var listings = Enumerable.Range(0, Providers)
            .Select(i => Listing($"T{i:D5}", $"C{i % clinics:D4}", i % 3 == 0 ? "PT" : "OT") with { Location = new GeoLocation { Latitude = 40.7 + (i % 100 / 1000.0), Longitude = -74.0 } })
            .ToList();

        await Directory(silo).RegisterMany(listings);

        var storage = Storage(silo);
        var tenant = await storage.ReadAsync(Id(typeof(IProviderDirectoryGrain), EntitySilo.Tenant), DirectoryState, CancellationToken.None);
        var shardSizes = new List<int>();
        foreach (var clinic in listings.Select(static l => l.ClinicId).Distinct())
        {
            shardSizes.Add((await storage.ReadAsync(ShardId(clinic), ShardState, CancellationToken.None))!.Json.Length);
        }

        Assert.Equal(clinics, shardSizes.Count);
        Assert.InRange(tenant!.Json.Length, 1, DynamoDbItemLimit / 10);
        Assert.InRange(shardSizes.Max(), 1, DynamoDbItemLimit / 10);
        Assert.Equal(Providers, (await Directory(silo).Find(null, null)).Count);
    }

    private static ProviderListing Listing(string provider, string clinic, string discipline) =>
        new() { ProviderId = provider, ClinicId = clinic, Discipline = discipline };

    private static IProviderDirectoryGrain Directory(TestSilo silo) => silo.GrainFactory.GetGrain<IProviderDirectoryGrain>(EntitySilo.Tenant);

    private static async Task<IEnumerable<string>> ShardIds(TestSilo silo, string clinic) =>
        (await Read<ClinicDirectoryState>(silo, typeof(IClinicDirectoryGrain), EntitySilo.Key(clinic), ShardState)).Providers
            .Select(static p => p.ProviderId).Order(StringComparer.Ordinal);

    private static async Task<T> Read<T>(TestSilo silo, Type grainInterface, string key, string stateName)
    {
        var stored = await Storage(silo).ReadAsync(Id(grainInterface, key), stateName, CancellationToken.None);
        return JsonSerializer.Deserialize<T>(Assert.IsType<StoredState>(stored).Json, RuntimeJson.Options)!;
    }

    private static IGrainStorage Storage(TestSilo silo) => silo.Services.GetRequiredService<SqliteGrainStorage>();

    private static GrainId Id(Type grainInterface, string key) => new(GrainInterfaceRegistry.GrainTypeName(grainInterface), key);

    private static GrainId ShardId(string clinic) => Id(typeof(IClinicDirectoryGrain), EntitySilo.Key(clinic));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RuntimeJson.Options);
}
