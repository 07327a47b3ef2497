using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>What a head of department decides about an escalated proposal.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EscalationAction>))]
public enum EscalationAction
{
    /// <summary>Offer the proposal (or another candidate of the named provider) despite the finding.</summary>
    [JsonStringEnumMemberName("approve_provider")]
    ApproveProvider,

    /// <summary>Put the patient on the waitlist.</summary>
    [JsonStringEnumMemberName("waitlist")]
    Waitlist,

    /// <summary>Cancel the appointment.</summary>
    [JsonStringEnumMemberName("cancel")]
    Cancel,
}
