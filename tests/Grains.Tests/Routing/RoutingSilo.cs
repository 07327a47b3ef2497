using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains;
using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Routing;

/// <summary>A test silo with the routing grains, and the node profiles and heartbeats the grain tests register.</summary>
internal static class RoutingSilo
{
    public static TestSiloOptions Options(string storage = "Memory", Action<RoutingGrainOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var options = new TestSiloOptions { StorageProvider = storage };
        options.GrainAssemblies.Add(typeof(GrainsAssembly).Assembly);
        options.ConfigureServices = collection =>
        {
            collection.Configure<RoutingGrainOptions>(o => configure?.Invoke(o));
            services?.Invoke(collection);
            collection.AddRoutingServices();
        };
        return options;
    }

    public static Task<TestSilo> Start(string storage = "Memory", Action<RoutingGrainOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        TestSilo.StartAsync(Options(storage, configure, services));

    public static MecNodeProfile EdgeProfile(int capacity = 4) => new()
    {
        Tier = ComputeTier.Edge,
        Region = Routes.Region,
        Cell = "cell-1",
        RttMs = 2,
        Capacity = capacity,
        MemoryGb = 48,
        CostPer1kTokens = 0.0006,
        HostedModels = ["code-1b", "code-7b"],
        CertifiedPrivacy = [PrivacyLevel.Public, PrivacyLevel.Internal, PrivacyLevel.Phi],
        ComplianceTags = ["hipaa"],
    };

    public static MecNodeProfile CloudProfile() => new()
    {
        Tier = ComputeTier.Cloud,
        Region = Routes.Region,
        RttMs = 40,
        Capacity = 64,
        SpeedFactor = 2,
        MemoryGb = 320,
        CostPer1kTokens = 0.002,
        HostedModels = ["code-1b", "code-7b", "code-34b"],
        CertifiedPrivacy = [PrivacyLevel.Public, PrivacyLevel.Internal, PrivacyLevel.Phi],
        ComplianceTags = ["hipaa"],
    };

    public static MecNodeHeartbeat Beat(int inFlight = 0, int queue = 0) => new()
    {
        InFlight = inFlight,
        QueueDepth = queue,
        WarmModels = ["code-1b", "code-7b"],
    };

    /// <summary>Registers a node and sends its first heartbeat.</summary>
    public static async Task<IResourceGrain> Node(this TestSilo silo, string id, MecNodeProfile profile, MecNodeHeartbeat? beat = null)
    {
        var node = silo.GrainFactory.GetGrain<IResourceGrain>(id);
        await node.Register(profile);
        await node.Heartbeat(beat ?? Beat());
        return node;
    }

    public static IRouterGrain Router(this TestSilo silo) => silo.GrainFactory.GetGrain<IRouterGrain>(RoutingKeys.Router);

    /// <summary>Routes <paramref name="count"/> requests with distinct ids and counts decisions per primary node.</summary>
    public static async Task<Dictionary<string, int>> RouteMany(this TestSilo silo, int count, string prefix, Func<InferenceRequest, InferenceRequest>? shape = null)
    {
        var byNode = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            var request = Routes.Request() with { RequestId = $"{prefix}-{i}" };
            var decision = await silo.Router().Route(shape is null ? request : shape(request));
            var key = decision.NodeId ?? "none";
            byNode[key] = byNode.GetValueOrDefault(key) + 1;
        }

        return byNode;
    }
}
