using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>The seven stages of a rescheduling workflow, in order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStage>))]
public enum WorkflowStage
{
    /// <summary>Find the affected appointments and their priority.</summary>
    [JsonStringEnumMemberName("trigger_detection")]
    TriggerDetection,

    /// <summary>The eight hard filters.</summary>
    [JsonStringEnumMemberName("candidate_filtering")]
    CandidateFiltering,

    /// <summary>The six weighted factors and the joint assignment.</summary>
    [JsonStringEnumMemberName("scoring_and_ranking")]
    ScoringAndRanking,

    /// <summary>The four guardrails.</summary>
    [JsonStringEnumMemberName("quality_assurance")]
    QualityAssurance,

    /// <summary>Offers to patients, with expiry.</summary>
    [JsonStringEnumMemberName("patient_consent")]
    PatientConsent,

    /// <summary>Book accepted offers, move on after declines, backfill freed slots.</summary>
    [JsonStringEnumMemberName("booking_and_backfill")]
    BookingAndBackfill,

    /// <summary>Summary and compliance report.</summary>
    [JsonStringEnumMemberName("audit_and_reporting")]
    AuditAndReporting,
}
