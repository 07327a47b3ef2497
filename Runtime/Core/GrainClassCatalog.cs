using System.Reflection;

namespace Reroute.Runtime.Core;

/// <summary>
/// Maps grain interfaces to the classes that implement them, from the assemblies the silo was given. Built once at
/// start-up, where a missing proxy or two classes for one interface stop the silo with the names involved.
/// </summary>
internal sealed class GrainClassCatalog
{
    private readonly Dictionary<string, GrainClass> _byGrainType = new(StringComparer.Ordinal);

    public GrainClassCatalog(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.Distinct().SelectMany(SafeTypes))
        {
            if (type is not { IsClass: true, IsAbstract: false } || !typeof(Grain).IsAssignableFrom(type))
            {
                continue;
            }

            foreach (var grainInterface in type.GetInterfaces().Where(IsUserGrainInterface))
            {
                GrainInterfaceRegistry.Get(grainInterface);
                var grainClass = new GrainClass(type, grainInterface);
                if (_byGrainType.TryGetValue(grainClass.GrainTypeName, out var existing))
                {
                    throw new InvalidOperationException(
                        $"Both {existing.ClassType.FullName} and {type.FullName} implement {grainInterface.FullName}; a grain interface has one class.");
                }

                _byGrainType[grainClass.GrainTypeName] = grainClass;
            }
        }
    }

    public IEnumerable<GrainClass> All => _byGrainType.Values;

    public GrainClass Get(GrainId grainId)
        => _byGrainType.TryGetValue(grainId.Type, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException(
                $"No grain class implements {grainId.Type}. Add the assembly that holds it to the silo (AddGrainAssembly).");

    private static bool IsUserGrainInterface(Type type)
        => typeof(IGrain).IsAssignableFrom(type)
           && type != typeof(IGrain)
           && type != typeof(IGrainWithStringKey)
           && type != typeof(IRemindable)
           && type.Assembly != typeof(IGrain).Assembly;

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }
}
