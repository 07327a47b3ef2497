using System.Text.Json;
using Reroute.Grains.Scheduling;
using Reroute.Runtime;
using Reroute.Runtime.Serialization;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Scheduling.Entities;

internal static class EntitySilo
{
    public const string Tenant = "tenant-a";

    public static TestSiloOptions Options(string storage = "Memory")
    {
        var options = new TestSiloOptions { StorageProvider = storage };
        options.GrainAssemblies.Add(GrainsAssembly.Assembly);
        return options;
    }

    public static Task<TestSilo> Start(string storage = "Memory") => TestSilo.StartAsync(Options(storage));

    public static string Key(string id) => SchedulingKeys.Of(Tenant, id);

    /// <summary>Records holding lists compare by reference; their JSON compares by value.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, RuntimeJson.Options);

    public static TGrain Get<TGrain>(this TestSilo silo, string id)
        where TGrain : IGrainWithStringKey => silo.GrainFactory.GetGrain<TGrain>(Key(id));
}
