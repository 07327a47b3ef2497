namespace Reroute.Runtime;

/// <summary>The identity of a grain: its interface type name and its key. Stable across processes.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
