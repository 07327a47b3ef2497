namespace Reroute.Runtime.Persistence;

internal sealed class StateBinding<TState>(string stateName, string? storageName) : StateBinding(stateName, storageName)
    where TState : new()
{
    public override Type ParameterType => typeof(IPersistentState<TState>);

    public override IPersistentStateBinding Create(GrainId grainId, GrainStorageRegistry storage)
        => new PersistentState<TState>(grainId, StateName, storage.Get(StorageName));
}
