namespace Reroute.Runtime;

/// <summary>Names the state a constructor parameter of type <see cref="IPersistentState{TState}"/> is bound to.</summary>
/// <param name="stateName">The state's name within the grain (a grain may keep several).</param>
/// <param name="storageName">The storage provider; null means the silo's default.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The state's name within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider; null means the silo's default.</summary>
    public string? StorageName { get; } = storageName;
}
