namespace Reroute.Interfaces.Scheduling;

/// <summary>What a request carrying an idempotency key must do.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is new: run the request, then complete or release the claim.</summary>
    Proceed,

    /// <summary>The same request already completed: return its stored response, do nothing else.</summary>
    Replay,

    /// <summary>The key was used for a different request: refuse.</summary>
    Mismatch,

    /// <summary>The same request is still running under this key: refuse for now.</summary>
    InProgress,
}
