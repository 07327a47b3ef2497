using System.Reflection;

namespace Reroute.Runtime.Hosting;

/// <summary>What a host tells the runtime beyond configuration: which assemblies hold grains.</summary>
public sealed class GrainRuntimeBuilder
{
    internal List<Assembly> Assemblies { get; } = [];

    /// <summary>Adds an assembly whose grain classes (and, through them, interfaces) the silo hosts.</summary>
    public GrainRuntimeBuilder AddGrainAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Assemblies.Add(assembly);
        return this;
    }

    /// <summary>Adds the assembly that holds <typeparamref name="T"/>.</summary>
    public GrainRuntimeBuilder AddGrainAssembly<T>() => AddGrainAssembly(typeof(T).Assembly);
}
