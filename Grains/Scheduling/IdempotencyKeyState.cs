namespace Reroute.Grains.Scheduling;

/// <summary>What an idempotency key grain stores: the request the key was claimed for and, once done, its response.</summary>
public sealed record IdempotencyKeyState
{
    /// <summary>The fingerprint of the request; null while the key is unused.</summary>
    public string? RequestHash { get; init; }

    /// <summary>When the key was claimed; the key is forgotten a lifetime later.</summary>
    public DateTimeOffset ClaimedAt { get; init; }

    /// <summary>Whether the response has been stored.</summary>
    public bool Completed { get; init; }

    /// <summary>The response's HTTP status.</summary>
    public int StatusCode { get; init; }

    /// <summary>The response's JSON body.</summary>
    public string? ResponseJson { get; init; }
}
