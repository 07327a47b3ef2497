namespace Reroute.Interfaces.Routing;

/// <summary>What one model costs to serve: memory, prefill and decode speed on the reference node, load time.</summary>
public sealed record ModelProfile
{
    /// <summary>The model's name as requests and nodes spell it.</summary>
    public required string Name { get; init; }

    /// <summary>Parameters in billions; drives the complexity score.</summary>
    public double ParametersB { get; init; }

    /// <summary>Memory the weights take, in gigabytes.</summary>
    public double MemoryGb { get; init; }

    /// <summary>Prefill time per 1,000 input tokens on the reference node, in milliseconds.</summary>
    public double PrefillMsPer1kTokens { get; init; }

    /// <summary>Decode time per output token on the reference node, in milliseconds.</summary>
    public double DecodeMsPerToken { get; init; }

    /// <summary>Time to load the model on a node where it is not warm, in milliseconds.</summary>
    public double ColdStartMs { get; init; }

    /// <summary>Whether only a GPU node can serve it.</summary>
    public bool RequiresGpu { get; init; } = true;

    /// <summary>Whether it is small enough to run on a device.</summary>
    public bool DeviceCapable { get; init; }
}
