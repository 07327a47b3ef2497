namespace Reroute.Silo.Api;

/// <summary>The body of <c>POST /api/workflows/{id}/cancel</c>.</summary>
internal sealed record CancelRequest
{
    public required string Reason { get; init; }
}
