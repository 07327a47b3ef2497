using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>A patient's answer to an offer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfferAnswer>))]
public enum OfferAnswer
{
    /// <summary>Yes: book the offered slot.</summary>
    [JsonStringEnumMemberName("accept")]
    Accept,

    /// <summary>No: keep looking.</summary>
    [JsonStringEnumMemberName("decline")]
    Decline,
}
