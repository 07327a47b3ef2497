namespace Reroute.Interfaces.Scheduling;

/// <summary>The head-of-department review queue of one tenant (key: the tenant).</summary>
public interface IEscalationGrain : IGrainWithStringKey
{
    /// <summary>Adds a case; adding the same case id again returns the stored case.</summary>
    Task<EscalationCase> Open(EscalationCase escalation);

    /// <summary>The case; null when unknown.</summary>
    [ReadOnly]
    Task<EscalationCase?> Get(string caseId);

    /// <summary>Cases, oldest first; only those with <paramref name="status"/> when given.</summary>
    [ReadOnly]
    Task<IReadOnlyList<EscalationCase>> List(EscalationStatus? status);

    /// <summary>Records the decision on an open case; a resolved case or an invalid decision is refused unchanged.</summary>
    Task<EscalationCase> Resolve(string caseId, EscalationResolution resolution);
}
