namespace Reroute.Interfaces.Routing;

/// <summary>What serving a request takes, estimated by the classifier before any node is chosen.</summary>
public sealed record ResourceNeeds
{
    /// <summary>Memory for the model and its context, in gigabytes.</summary>
    public double MemoryGb { get; init; }

    /// <summary>Whether only a GPU node can serve the request.</summary>
    public bool GpuRequired { get; init; }

    /// <summary>Service time on a reference node (speed factor 1) with the model warm, in milliseconds.</summary>
    public double ExpectedServiceMs { get; init; }

    /// <summary>Extra time to load the model where it is not warm, in milliseconds.</summary>
    public double ColdStartMs { get; init; }

    /// <summary>Whether the model is small enough to run on a device at all.</summary>
    public bool DeviceCapable { get; init; }
}
