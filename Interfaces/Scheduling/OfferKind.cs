using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>What a consent offer is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfferKind>))]
public enum OfferKind
{
    /// <summary>A new slot for an affected appointment.</summary>
    [JsonStringEnumMemberName("reschedule")]
    Reschedule,

    /// <summary>A freed slot for a patient on the waitlist.</summary>
    [JsonStringEnumMemberName("backfill")]
    Backfill,
}
