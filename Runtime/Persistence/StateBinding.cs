using System.Reflection;

namespace Reroute.Runtime.Persistence;

/// <summary>One <c>IPersistentState&lt;T&gt;</c> constructor parameter of a grain class: its name, storage and a typed factory.</summary>
internal abstract class StateBinding(string stateName, string? storageName)
{
    public string StateName { get; } = stateName;

    public string? StorageName { get; } = storageName;

    public abstract Type ParameterType { get; }

    public static StateBinding For(ParameterInfo parameter)
    {
        var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        var stateType = parameter.ParameterType.GetGenericArguments()[0];
        var bindingType = typeof(StateBinding<>).MakeGenericType(stateType);
        return (StateBinding)Activator.CreateInstance(bindingType, attribute?.StateName ?? parameter.Name ?? "state", attribute?.StorageName)!;
    }

    public abstract IPersistentStateBinding Create(GrainId grainId, GrainStorageRegistry storage);
}
