namespace Reroute.Runtime;

/// <summary>Static description of one grain interface method, built once by generated code.</summary>
/// <param name="InterfaceName">The grain interface's full name (the grain type part of a <see cref="GrainId"/>).</param>
/// <param name="Name">The method's name.</param>
/// <param name="Id">Unique within the interface (the name, with the overload's index where a name repeats).</param>
/// <param name="Flags">Scheduling properties.</param>
/// <param name="Timeout">The method's own call timeout, if it overrides the silo's.</param>
public sealed record GrainMethod(string InterfaceName, string Name, string Id, GrainMethodFlags Flags, TimeSpan? Timeout)
{
    /// <summary>Whether the method interleaves with everything.</summary>
    public bool AlwaysInterleave => (Flags & GrainMethodFlags.AlwaysInterleave) != 0;

    /// <summary>Whether the method is read-only.</summary>
    public bool IsReadOnly => (Flags & GrainMethodFlags.ReadOnly) != 0;

    /// <summary>A short name for errors and logs: <c>IFoo.Bar</c>.</summary>
    public string DisplayName { get; } = $"{ShortName(InterfaceName)}.{Name}";

    private static string ShortName(string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? fullName : fullName[(dot + 1)..];
    }
}
