using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>The state of a consent offer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfferStatus>))]
public enum OfferStatus
{
    /// <summary>Sent; waiting for the patient.</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>The patient accepted.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>The patient declined.</summary>
    [JsonStringEnumMemberName("declined")]
    Declined,

    /// <summary>No answer before the expiry.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,

    /// <summary>Withdrawn by the clinic (the workflow was cancelled).</summary>
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
}
