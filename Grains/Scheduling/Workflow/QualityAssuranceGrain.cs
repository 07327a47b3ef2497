using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>Stage 4: the guardrails on fresh records, so nothing is offered on the strength of an earlier snapshot.</summary>
[StatelessWorker]
public sealed class QualityAssuranceGrain : Grain, IQualityAssuranceGrain
{
    /// <inheritdoc />
    public async Task<GuardrailVerdict> Check(string appointmentId, ScoredCandidate proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var tenant = GetPrimaryKeyString();
        var appointment = (await GrainFactory.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, appointmentId)).Get())?.Appointment;
        var patient = appointment is null ? null : await GrainFactory.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, appointment.PatientId)).Get();
        var provider = await GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, proposal.Slot.ProviderId)).Get();
        var knowledge = (await GrainFactory.GetGrain<IKnowledgeGrain>(tenant).Get()).Knowledge;

        // Missing records are the schema guardrail's to report (reject to the agent), not an error here.
        return Guardrails.Evaluate(appointment!, patient!, provider!, proposal, knowledge, Time.GetUtcNow());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ComplianceFindings(string appointmentId)
    {
        var tenant = GetPrimaryKeyString();
        var appointment = (await GrainFactory.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, appointmentId)).Get())?.Appointment
            ?? throw new KeyNotFoundException($"Appointment {appointmentId} does not exist.");
        var patient = await GrainFactory.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, appointment.PatientId)).Get();
        var provider = await GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, appointment.ProviderId)).Get();
        if (patient is null || provider is null)
        {
            return [$"{Guardrails.SchemaRule}: the {(patient is null ? "patient" : "provider")} of appointment {appointmentId} no longer exists"];
        }

        var knowledge = (await GrainFactory.GetGrain<IKnowledgeGrain>(tenant).Get()).Knowledge;
        return Guardrails.ComplianceFindings(appointment, patient, provider, knowledge, Time.GetUtcNow());
    }
}
