namespace Reroute.Interfaces.Scheduling;

/// <summary>The assignment of all appointments of one trigger.</summary>
public sealed record AssignmentResult
{
    /// <summary>One entry per affected appointment, in input order.</summary>
    public required IReadOnlyList<AppointmentAssignment> Appointments { get; init; }

    /// <summary>Appointments given a slot.</summary>
    public required int AssignedCount { get; init; }

    /// <summary>Σ score of the assigned candidates.</summary>
    public required double TotalScore { get; init; }
}
