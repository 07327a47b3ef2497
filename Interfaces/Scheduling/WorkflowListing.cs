namespace Reroute.Interfaces.Scheduling;

/// <summary>One workflow in its tenant's list.</summary>
public sealed record WorkflowListing
{
    /// <summary>The workflow's id.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>The provider whose unavailability started it.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The start of the unavailability.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>The end of the unavailability.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Its status when it last reported.</summary>
    public WorkflowStatus Status { get; init; } = WorkflowStatus.Running;

    /// <summary>When it started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Affected appointments found.</summary>
    public int AppointmentsProcessed { get; init; }
}
