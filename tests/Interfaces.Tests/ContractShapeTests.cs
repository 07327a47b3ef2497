using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Reroute.Interfaces.Routing;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Runtime.Serialization;

namespace Reroute.Interfaces.Tests;

/// <summary>
/// Interfaces/ is the contract between silos, clients and EHR integrations: only grain interfaces (with generated
/// proxies), immutable records and enums. These tests hold every type in it to that.
/// </summary>
public sealed class ContractShapeTests
{
    private static readonly Type[] Exported = typeof(ProviderProfile).Assembly.GetExportedTypes();

    public static TheoryData<string> TypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in Exported.OrderBy(static t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void The_contract_has_both_domains()
    {
        Assert.Contains(Exported, static t => t.Namespace == typeof(ProviderProfile).Namespace);
        Assert.Contains(Exported, static t => t.Namespace == typeof(RouteDecision).Namespace);
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Every_type_is_a_grain_interface_an_immutable_sealed_record_or_an_enum(string typeName)
    {
        var type = Exported.Single(t => t.FullName == typeName);
        if (type.IsEnum)
        {
            return;
        }

        if (type.IsInterface)
        {
            Assert.True(typeof(IGrain).IsAssignableFrom(type), $"{type.Name} is an interface but not a grain interface");
            Assert.Equal(type, GrainInterfaceRegistry.Get(type).InterfaceType);
            return;
        }

        Assert.True(IsRecord(type), $"{type.Name} is not a record");
        Assert.True(type.IsSealed || type.IsValueType, $"{type.Name} is not sealed");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var setter = property.SetMethod;
            Assert.True(setter is null || !setter.IsPublic || IsInitOnly(setter), $"{type.Name}.{property.Name} has a public setter; records here are immutable");
        }
    }

    [Fact]
    public void Records_with_defaults_survive_the_wire_format_unchanged()
    {
        // The records every decision carries; those with required members are built by the domain tests.
        object[] samples = [ScoringWeights.Default, new RoutingWeights(), new LatencyEstimates(), new GuardrailThresholds()];
        foreach (var sample in samples)
        {
            var json = JsonSerializer.Serialize(sample, sample.GetType(), RuntimeJson.Options);
            var back = JsonSerializer.Deserialize(json, sample.GetType(), RuntimeJson.Options);
            Assert.Equal(json, JsonSerializer.Serialize(back, sample.GetType(), RuntimeJson.Options));
        }
    }

    private static bool IsRecord(Type type)
        => type.GetMethod("<Clone>$") is not null || type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    private static bool IsInitOnly(MethodInfo setter)
        => setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
