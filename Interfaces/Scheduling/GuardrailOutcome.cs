using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>What the workflow does with a proposal after the guardrails.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GuardrailOutcome>))]
public enum GuardrailOutcome
{
    /// <summary>Every guardrail passed: offer it to the patient.</summary>
    [JsonStringEnumMemberName("proceed")]
    Proceed,

    /// <summary>Schema validation failed: the proposing agent must produce a proper proposal.</summary>
    [JsonStringEnumMemberName("reject_to_agent")]
    RejectToAgent,

    /// <summary>Compliance failed: a head of department decides.</summary>
    [JsonStringEnumMemberName("escalate_to_head_of_department")]
    EscalateToHeadOfDepartment,

    /// <summary>A business rule failed: try the next ranked provider.</summary>
    [JsonStringEnumMemberName("try_next_provider")]
    TryNextProvider,

    /// <summary>A risk was found: offer it anyway, with the warnings attached.</summary>
    [JsonStringEnumMemberName("flag_and_proceed")]
    FlagAndProceed,
}
