using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;

namespace Reroute.Runtime;

/// <summary>
/// Grain interfaces known to this process. Generated code of each assembly registers its interfaces the first time
/// the runtime meets one of them (through the assembly's <see cref="GeneratedGrainProxiesAttribute"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainInterfaceRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceDescriptor> s_byType = new();
    private static readonly ConcurrentDictionary<string, GrainInterfaceDescriptor> s_byName = new();
    // Lazy per assembly: a second caller waits for the first to finish registering instead of seeing a half-done load.
    private static readonly ConcurrentDictionary<Assembly, Lazy<bool>> s_loaded = new();

    /// <summary>Called by generated code.</summary>
    public static void Register(GrainInterfaceDescriptor descriptor)
    {
        s_byType[descriptor.InterfaceType] = descriptor;
        s_byName[GrainTypeName(descriptor.InterfaceType)] = descriptor;
    }

    /// <summary>The descriptor of <paramref name="interfaceType"/>.</summary>
    /// <exception cref="InvalidOperationException">The interface has no generated proxy.</exception>
    public static GrainInterfaceDescriptor Get(Type interfaceType)
    {
        if (s_byType.TryGetValue(interfaceType, out var descriptor))
        {
            return descriptor;
        }

        LoadAssembly(interfaceType.Assembly);
        return s_byType.TryGetValue(interfaceType, out descriptor)
            ? descriptor
            : throw new InvalidOperationException(
                $"{interfaceType.FullName} has no generated grain proxy. Grain interfaces must be public, extend " +
                $"IGrainWithStringKey, and live in a project that references Reroute.Runtime.CodeGen as an analyzer.");
    }

    /// <summary>The descriptor registered under a grain type name, if any.</summary>
    public static GrainInterfaceDescriptor? Find(string grainTypeName)
    {
        if (s_byName.TryGetValue(grainTypeName, out var descriptor))
        {
            return descriptor;
        }

        // A message may name an interface no code here has touched yet: register what the loaded assemblies generated.
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && assembly.IsDefined(typeof(GeneratedGrainProxiesAttribute), inherit: false))
            {
                LoadAssembly(assembly);
            }
        }

        return s_byName.TryGetValue(grainTypeName, out descriptor) ? descriptor : null;
    }

    /// <summary>The name a grain interface has in grain ids and storage.</summary>
    public static string GrainTypeName(Type interfaceType) => interfaceType.FullName ?? interfaceType.Name;

    /// <summary>Registers every interface generated in <paramref name="assembly"/>.</summary>
    public static void LoadAssembly(Assembly assembly)
        => _ = s_loaded.GetOrAdd(assembly, static a => new Lazy<bool>(() => Register(a), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static bool Register(Assembly assembly)
    {
        foreach (var attribute in assembly.GetCustomAttributes<GeneratedGrainProxiesAttribute>())
        {
            var module = (IGrainProxyModule)Activator.CreateInstance(attribute.ModuleType)!;
            module.Register();
        }

        return true;
    }
}
