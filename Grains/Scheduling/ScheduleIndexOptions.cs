using System.ComponentModel.DataAnnotations;

namespace Reroute.Grains.Scheduling;

/// <summary>How much the providers' and patients' appointment indexes remember, bound from <c>Reroute:ScheduleIndex</c>.</summary>
public sealed record ScheduleIndexOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reroute:ScheduleIndex";

    /// <summary>
    /// The most entries one provider's or patient's index keeps. The indexes exist to find the appointments an
    /// unavailability affects, and each is one stored record of about 130 bytes per entry: without a bound a busy
    /// provider's record passes DynamoDB's 400 KB item limit within months. Past the bound the appointments that ended
    /// longest ago leave the index (their records stay); appointments still to come never do.
    /// </summary>
    public int MaxEntries { get; set; } = 2_000;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxEntries < 1)
        {
            yield return new ValidationResult("must be at least 1.", [nameof(MaxEntries)]);
        }
    }
}
