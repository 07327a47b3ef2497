namespace Reroute.Interfaces.Scheduling;

/// <summary>Stage 4 of rescheduling (stateless worker, key: the tenant): the four guardrails on a proposal, on fresh records.</summary>
public interface IQualityAssuranceGrain : IGrainWithStringKey
{
    /// <summary>The guardrails' verdict on moving the appointment to the proposed slot.</summary>
    Task<GuardrailVerdict> Check(string appointmentId, ScoredCandidate proposal);

    /// <summary>The compliance rules the booked appointment breaks now (rule names with reasons); empty when none.</summary>
    Task<IReadOnlyList<string>> ComplianceFindings(string appointmentId);
}
