using System.ComponentModel.DataAnnotations;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Demo;

namespace Reroute.Silo.Options;

/// <summary>The demo clinic network the silo seeds on its first start.</summary>
public sealed class DemoOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Reroute:Demo";

    /// <summary>The tenant the demo lives in unless configured otherwise (mint a token with <c>token --tenant demo</c>).</summary>
    public const string DefaultTenant = "demo";

    /// <summary>
    /// Whether a silo whose store holds nothing for <see cref="Tenant"/> seeds the demo network (3 clinics, 40 providers,
    /// 800 patients, two weeks of appointments from today, waitlists, payer rules) at start-up. A persisted marker keeps a
    /// restart from seeding again; a tenant that already has data is never seeded.
    /// </summary>
    public bool SeedOnFirstStart { get; set; } = true;

    /// <summary>The tenant to seed.</summary>
    public string Tenant { get; set; } = DefaultTenant;

    /// <summary>The generator's seed: the same seed gives the same network.</summary>
    public int Seed { get; set; } = ClinicNetworkSpec.DefaultSeed;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SchedulingKeys.IsValidId(Tenant))
        {
            yield return new ValidationResult("must be 1 to 64 letters, digits, '-' or '.'.", [nameof(Tenant)]);
        }
    }
}
