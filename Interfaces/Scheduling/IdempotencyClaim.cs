namespace Reroute.Interfaces.Scheduling;

/// <summary>The answer to claiming an idempotency key: what the caller must do, and the stored response to replay.</summary>
public sealed record IdempotencyClaim
{
    /// <summary>What the caller must do.</summary>
    public required IdempotencyOutcome Outcome { get; init; }

    /// <summary>The first response's HTTP status, when <see cref="Outcome"/> is <see cref="IdempotencyOutcome.Replay"/>.</summary>
    public int StatusCode { get; init; }

    /// <summary>The first response's JSON body, when <see cref="Outcome"/> is <see cref="IdempotencyOutcome.Replay"/>.</summary>
    public string? ResponseJson { get; init; }
}
