using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Runtime.Persistence;

namespace Reroute.Runtime.Core;

/// <summary>
/// What the runtime knows of one grain class, worked out once at start-up: which interface it serves, how it
/// schedules, and a compiled factory that builds it with its services and its persistent states.
/// </summary>
internal sealed class GrainClass
{
    private readonly StateBinding[] _states;
    private readonly ObjectFactory _factory;

    public GrainClass(Type classType, Type interfaceType)
    {
        ClassType = classType;
        InterfaceType = interfaceType;
        GrainTypeName = GrainInterfaceRegistry.GrainTypeName(interfaceType);
        IsReentrant = classType.GetCustomAttribute<ReentrantAttribute>() is not null;
        DisallowCallChainReentrancy = classType.GetCustomAttribute<DisallowCallChainReentrancyAttribute>() is not null;
        StatelessWorker = classType.GetCustomAttribute<StatelessWorkerAttribute>();
        ImplicitStreamNamespaces = [.. classType.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(static a => a.Namespace)];
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);

        var constructor = classType.GetConstructors().OrderByDescending(static c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {classType.FullName} has no public constructor.");
        _states = [.. constructor.GetParameters()
            .Where(static p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(static p => StateBinding.For(p))];
        var duplicate = _states.GroupBy(static s => s.StateName).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Grain class {classType.FullName} binds two persistent states named '{duplicate.Key}'.");
        }

        _factory = ActivatorUtilities.CreateFactory(classType, [.. _states.Select(static s => s.ParameterType)]);
    }

    public Type ClassType { get; }

    public Type InterfaceType { get; }

    public string GrainTypeName { get; }

    public bool IsReentrant { get; }

    public bool DisallowCallChainReentrancy { get; }

    public StatelessWorkerAttribute? StatelessWorker { get; }

    public bool IsRemindable { get; }

    public IReadOnlyList<string> ImplicitStreamNamespaces { get; }

    public IPersistentStateBinding[] CreateStates(GrainId grainId, GrainStorageRegistry storage)
    {
        if (_states.Length == 0)
        {
            return [];
        }

        var states = new IPersistentStateBinding[_states.Length];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = _states[i].Create(grainId, storage);
        }

        return states;
    }

    public object Create(IServiceProvider services, IPersistentStateBinding[] states)
    {
        // ObjectFactory matches the supplied arguments to constructor parameters by type.
        var arguments = new object?[states.Length];
        Array.Copy(states, arguments, states.Length);
        return _factory(services, arguments);
    }
}
