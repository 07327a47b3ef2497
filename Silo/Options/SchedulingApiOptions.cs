using System.ComponentModel.DataAnnotations;

namespace Reroute.Silo.Options;

/// <summary>The scheduling API: how long idempotency keys are remembered.</summary>
public sealed class SchedulingApiOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Reroute:Scheduling";

    /// <summary>The longest idempotency key accepted; the same bound the Client SDK applies to the keys it makes.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>
    /// How long a key and its response are kept: a day covers any client's retry window (the Client SDK retries for
    /// seconds, an EHR's outbound queue for hours), after which the key may be used again.
    /// </summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claimed key whose request neither completed nor failed counts as running. Past it, the silo that took
    /// the request is taken to have died mid-request, and a retry of the same request proceeds (the writes behind the
    /// API are idempotent themselves); it must outlast the slowest request.
    /// </summary>
    public TimeSpan IdempotencyRunningLimit { get; set; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IdempotencyKeyLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be greater than zero.", [nameof(IdempotencyKeyLifetime)]);
        }

        if (IdempotencyRunningLimit <= TimeSpan.Zero || IdempotencyRunningLimit > IdempotencyKeyLifetime)
        {
            yield return new ValidationResult("must be greater than zero and at most IdempotencyKeyLifetime.", [nameof(IdempotencyRunningLimit)]);
        }
    }
}
