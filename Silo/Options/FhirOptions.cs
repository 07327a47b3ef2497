using System.ComponentModel.DataAnnotations;

namespace Reroute.Silo.Options;

/// <summary>The FHIR import: how large a Bundle may be.</summary>
public sealed class FhirOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Reroute:Fhir";

    /// <summary>
    /// Sixteen mebibytes: an EHR's nightly Bundle of one clinic (a few dozen providers with two weeks of Slots, their
    /// patients and appointments, about 2 KB per resource) fits several times over; anything larger should be split.
    /// </summary>
    public const long DefaultMaxBundleSize = 16L * 1024 * 1024;

    /// <summary>The largest Bundle <c>POST /api/fhir</c> accepts, in bytes (larger: 413); other endpoints keep the silo's limit.</summary>
    public long MaxBundleSize { get; set; } = DefaultMaxBundleSize;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxBundleSize <= 0)
        {
            yield return new ValidationResult("must be greater than zero.", [nameof(MaxBundleSize)]);
        }
    }
}
