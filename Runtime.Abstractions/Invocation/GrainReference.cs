using System.ComponentModel;

namespace Reroute.Runtime;

/// <summary>Base of generated grain proxies: an identity and the runtime that delivers its calls.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainReference(IGrainCallRuntime runtime, GrainId grainId)
{
    /// <summary>The grain's identity.</summary>
    public GrainId GrainId { get; } = grainId;

    /// <summary>The runtime that delivers calls.</summary>
    protected IGrainCallRuntime Runtime { get; } = runtime;

    /// <summary>A slot for the runtime to cache where this grain lives, so repeat calls skip the directory.</summary>
    public object? RuntimeCache { get; set; }

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();
}
