using System.Reflection;
using Reroute.Runtime.Hosting;
using SiloApi = Reroute.Silo.Api;

namespace Reroute.Client.Tests;

/// <summary>
/// The SDK's records mirror the silo's responses member by member (the SDK cannot reference the silo), so a change to
/// one side without the other fails here rather than as a silently empty property in an EHR integration.
/// </summary>
public sealed class ContractTests
{
    [Theory]
    [InlineData(typeof(HealthResponse), typeof(SiloApi.HealthResponse))]
    [InlineData(typeof(MeResponse), typeof(SiloApi.MeResponse))]
    [InlineData(typeof(SiloStatusResponse), typeof(SiloApi.SiloStatusResponse))]
    [InlineData(typeof(GrainRuntimeStatistics), typeof(Runtime.Hosting.GrainRuntimeStatistics))]
    [InlineData(typeof(WorkflowDetail), typeof(SiloApi.WorkflowDetail))]
    [InlineData(typeof(AppointmentTrail), typeof(SiloApi.AppointmentTrail))]
    [InlineData(typeof(AuditTrailResponse), typeof(SiloApi.AuditTrailResponse))]
    public void A_client_record_has_the_same_members_as_the_silos(Type client, Type silo)
    {
        Assert.Equal(Shape(silo), Shape(client));
    }

    private static List<string> Shape(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}:{Describe(p.PropertyType)}")];

    // Types of the two sides' own records differ by namespace only; everything else must be the very same type.
    // A generic type by its definition and described arguments, so that a list of either side's records compares too.
    private static string Describe(Type type) =>
        type.IsGenericType ? $"{type.Namespace}.{type.Name}<{string.Join(",", type.GetGenericArguments().Select(Describe))}>"
        : type.Namespace is "Reroute.Client" or "Reroute.Silo.Api" or "Reroute.Runtime.Hosting" ? type.Name
        : type.FullName ?? type.Name;
}
