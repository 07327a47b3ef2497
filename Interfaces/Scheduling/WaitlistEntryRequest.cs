namespace Reroute.Interfaces.Scheduling;

/// <summary>The body of <c>POST /api/waitlists/{clinic}/{discipline}</c>: who joins the list, and how urgently.</summary>
public sealed record WaitlistEntryRequest
{
    /// <summary>The patient joining (or re-prioritised on) the list.</summary>
    public required string PatientId { get; init; }

    /// <summary>How urgent the patient is, 0 to 100; higher goes first.</summary>
    public required int Priority { get; init; }
}
