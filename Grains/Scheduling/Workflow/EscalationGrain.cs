using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// The head-of-department queue of one tenant. It only records decisions: whoever records one then asks the workflow to
/// carry it out (the workflow calls this grain, so the reverse call inside a turn could deadlock).
/// </summary>
public sealed class EscalationGrain([PersistentState("escalations")] IPersistentState<EscalationState> state) : Grain, IEscalationGrain
{
    /// <inheritdoc />
    public async Task<EscalationCase> Open(EscalationCase escalation)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        ArgumentException.ThrowIfNullOrWhiteSpace(escalation.CaseId);
        if (Find(escalation.CaseId) is { } existing)
        {
            return existing;
        }

        var stored = escalation with { OpenedAt = Time.GetUtcNow(), Status = EscalationStatus.Open, Resolution = null };
        await state.ReplaceAsync(new EscalationState { Cases = [.. state.State.Cases, stored] });
        return stored;
    }

    /// <inheritdoc />
    public Task<EscalationCase?> Get(string caseId) => Task.FromResult(Find(caseId));

    /// <inheritdoc />
    public Task<IReadOnlyList<EscalationCase>> List(EscalationStatus? status)
    {
        IReadOnlyList<EscalationCase> cases = [.. state.State.Cases.Where(c => status is null || c.Status == status)];
        return Task.FromResult(cases);
    }

    /// <inheritdoc />
    public async Task<EscalationCase> Resolve(string caseId, EscalationResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        var current = Find(caseId) ?? throw new KeyNotFoundException($"Escalation {caseId} does not exist.");
        if (current.Status == EscalationStatus.Resolved)
        {
            throw new EscalationConflictException($"Escalation {caseId} is already resolved.");
        }

        var errors = new ValidationErrors();
        errors.Require(Enum.IsDefined(resolution.Action), "action", "must be approve_provider, waitlist or cancel.");
        errors.Require(resolution.Note.Length <= SchedulingLimits.MaxReasonLength, "note", $"must be at most {SchedulingLimits.MaxReasonLength} characters.");
        if (resolution.ProviderId is { } provider)
        {
            errors.Require(resolution.Action == EscalationAction.ApproveProvider, "providerId", "is only for approve_provider.");
            errors.Require(
                provider == current.Proposal.Slot.ProviderId || current.CandidateProviderIds.Contains(provider),
                "providerId",
                "must be the escalated proposal's provider or one of the case's candidate providers.");
        }

        errors.ThrowIfAny("resolution");
        var resolved = current with
        {
            Status = EscalationStatus.Resolved,
            Resolution = resolution with { ResolvedAt = Time.GetUtcNow() },
        };
        await state.ReplaceAsync(new EscalationState { Cases = [.. state.State.Cases.Select(c => c.CaseId == caseId ? resolved : c)] });
        return resolved;
    }

    private EscalationCase? Find(string caseId) => state.State.Cases.FirstOrDefault(c => c.CaseId == caseId);
}
