namespace Reroute.Runtime;

/// <summary>A stream's identity: a namespace and a key.</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Key}";
}
