using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>What became of a patient's answer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfferReplyOutcome>))]
public enum OfferReplyOutcome
{
    /// <summary>The answer accepted the offer.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>The answer declined the offer.</summary>
    [JsonStringEnumMemberName("declined")]
    Declined,

    /// <summary>The token was not issued for this offer (forged or mistyped); nothing changed.</summary>
    [JsonStringEnumMemberName("invalid_token")]
    InvalidToken,

    /// <summary>The offer was answered before (a reused token); nothing changed.</summary>
    [JsonStringEnumMemberName("already_answered")]
    AlreadyAnswered,

    /// <summary>The offer expired before the answer; nothing changed.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,

    /// <summary>The offer was withdrawn before the answer; nothing changed.</summary>
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
}
