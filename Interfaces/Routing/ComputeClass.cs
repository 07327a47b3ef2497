using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>How capable the requesting device is of running a model itself.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComputeClass>))]
public enum ComputeClass
{
    /// <summary>The device cannot run models.</summary>
    None,

    /// <summary>A low-end device.</summary>
    Low,

    /// <summary>A mid-range device.</summary>
    Medium,

    /// <summary>A device with a capable neural accelerator.</summary>
    High,
}
