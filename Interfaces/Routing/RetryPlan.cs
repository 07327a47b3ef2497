namespace Reroute.Interfaces.Routing;

/// <summary>How the caller retries a routed request: attempts, per-attempt timeout, backoff and failover to the backup.</summary>
public sealed record RetryPlan
{
    /// <summary>Attempts in total, the first included.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>How long one attempt may take before the caller gives up on it, in milliseconds.</summary>
    public double PerAttemptTimeoutMs { get; init; }

    /// <summary>First backoff before a retry, in milliseconds; doubles per retry up to <see cref="BackoffMaxMs"/>.</summary>
    public double BackoffBaseMs { get; init; }

    /// <summary>Longest backoff, in milliseconds.</summary>
    public double BackoffMaxMs { get; init; }

    /// <summary>Whether backoffs are jittered, so that many callers do not retry in step.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Whether the retry goes to the backup node rather than the primary.</summary>
    public bool FailoverToBackup { get; init; }

    /// <summary>Whether a timeout on the primary plus the backup's estimate still fits in the SLA.</summary>
    public bool FitsWithinSla { get; init; }
}
