using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>Where an outbound message stands with its channel.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Stored, not yet handed to the channel.</summary>
    Pending,

    /// <summary>Accepted by the channel.</summary>
    Sent,

    /// <summary>Refused by the channel or not reachable; the last error says why.</summary>
    Failed,
}
