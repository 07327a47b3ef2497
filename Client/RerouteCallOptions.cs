namespace Reroute.Client;

/// <summary>Per-call settings; every property may be left null, and the client then chooses.</summary>
public sealed record RerouteCallOptions
{
    /// <summary>
    /// The longest correlation id or idempotency key accepted: the silo ignores a longer correlation id (it bounds what
    /// reaches its logs) and would then log the call under an id the caller never sees.
    /// </summary>
    public const int MaxIdLength = 128;

    /// <summary>
    /// Sent as <c>X-Correlation-Id</c> on every attempt of this call, so the silo's logs and problem details can be tied
    /// to the caller's own records (e.g. the EHR's message id). Letters, digits and <c>-_.:</c>. A new GUID when null.
    /// </summary>
    public string? CorrelationId { get; init; }

    /// <summary>
    /// Sent as <c>Idempotency-Key</c> on every attempt of a write, so the silo performs the write once however often it
    /// is retried. Give the same key when repeating a write yourself (e.g. after a crash); a new GUID when null.
    /// Ignored for reads.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    internal void Validate()
    {
        if (CorrelationId is not null && !IsAcceptableId(CorrelationId))
        {
            throw new ArgumentException(
                $"{nameof(RerouteCallOptions)}.{nameof(CorrelationId)} must be 1 to {MaxIdLength} letters, digits or -_.: characters.",
                nameof(CorrelationId));
        }

        if (IdempotencyKey is not null && !IsAcceptableId(IdempotencyKey))
        {
            throw new ArgumentException(
                $"{nameof(RerouteCallOptions)}.{nameof(IdempotencyKey)} must be 1 to {MaxIdLength} letters, digits or -_.: characters.",
                nameof(IdempotencyKey));
        }
    }

    // The silo's own rule for correlation ids; idempotency keys follow it too, as they also end up in logs.
    private static bool IsAcceptableId(string value) =>
        value.Length is > 0 and <= MaxIdLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
