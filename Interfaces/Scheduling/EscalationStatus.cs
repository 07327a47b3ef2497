using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>The state of an escalation case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EscalationStatus>))]
public enum EscalationStatus
{
    /// <summary>Waiting for a head of department.</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>Decided; the workflow carried the decision out.</summary>
    [JsonStringEnumMemberName("resolved")]
    Resolved,
}
