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

    /// <summary>In the <c>demo</c> verb, the share of simulated patients who accept an offer.</summary>
    public double PatientAcceptShare { get; set; } = 0.65;

    /// <summary>In the <c>demo</c> verb, the share who decline; the rest never answer and their offers expire.</summary>
    public double PatientDeclineShare { get; set; } = 0.20;

    /// <summary>In the <c>demo</c> verb, the quickest a simulated patient answers after the message arrives.</summary>
    public TimeSpan FastestAnswer { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// In the <c>demo</c> verb, the slowest answer; delays spread log-uniformly between the two, so most patients answer
    /// within a few hours and a few the next day. Must be shorter than the offer lifetime, or the answer would be late.
    /// </summary>
    public TimeSpan SlowestAnswer { get; set; } = TimeSpan.FromHours(20);

    /// <summary>In the <c>demo</c> verb, how long the simulated head of department takes to approve an escalated proposal.</summary>
    public TimeSpan HeadOfDepartmentResponse { get; set; } = TimeSpan.FromHours(2);

    /// <summary>In the <c>demo</c> verb, how far ahead provider T001's departure reaches (the network's two weeks).</summary>
    public TimeSpan DepartureWindow { get; set; } = TimeSpan.FromDays(ClinicNetworkSpec.DefaultDays);

    /// <summary>In the <c>demo</c> verb, the most virtual time the run may take before it is reported as stuck.</summary>
    public TimeSpan MaxVirtualTime { get; set; } = TimeSpan.FromDays(10);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SchedulingKeys.IsValidId(Tenant))
        {
            yield return new ValidationResult("must be 1 to 64 letters, digits, '-' or '.'.", [nameof(Tenant)]);
        }

        if (PatientAcceptShare is < 0 or > 1 || PatientDeclineShare is < 0 or > 1 || PatientAcceptShare + PatientDeclineShare > 1)
        {
            yield return new ValidationResult("must each be between 0 and 1, and add up to at most 1.", [nameof(PatientAcceptShare), nameof(PatientDeclineShare)]);
        }

        if (FastestAnswer <= TimeSpan.Zero || SlowestAnswer < FastestAnswer)
        {
            yield return new ValidationResult("must be positive, the slowest no quicker than the fastest.", [nameof(FastestAnswer), nameof(SlowestAnswer)]);
        }

        if (HeadOfDepartmentResponse <= TimeSpan.Zero || DepartureWindow <= TimeSpan.Zero || MaxVirtualTime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be positive.", [nameof(HeadOfDepartmentResponse), nameof(DepartureWindow), nameof(MaxVirtualTime)]);
        }
    }
}
