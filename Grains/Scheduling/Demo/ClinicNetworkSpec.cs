namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// The shape of a generated clinic network. The same spec always generates the same network, record for record, so a
/// demo, a benchmark and a test can all point at "seed 42" and mean the same patients.
/// </summary>
public sealed record ClinicNetworkSpec
{
    /// <summary>The demo network's size: three clinics, 40 providers, 800 patients.</summary>
    public const int DemoClinics = 3;

    /// <summary>Providers in the demo network.</summary>
    public const int DemoProviders = 40;

    /// <summary>Patients per provider in the demo network (and the design's figure for the large network).</summary>
    public const int DefaultPatientsPerProvider = 20;

    /// <summary>Two weeks of appointments, the horizon rescheduling looks at.</summary>
    public const int DefaultDays = 14;

    /// <summary>The seed the demo uses unless told otherwise.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Providers per clinic when the clinic count is not given: a mid-sized outpatient rehab clinic.</summary>
    public const int DefaultProvidersPerClinic = 15;

    /// <summary>The most days generated; appointments further out than this are not what rescheduling handles.</summary>
    public const int MaxDays = 60;

    /// <summary>The most providers in one network (ids and keys stay short; 100,000 is well above the design's 27,000).</summary>
    public const int MaxProviders = 100_000;

    /// <summary>The most patients on one provider's panel.</summary>
    public const int MaxPatientsPerProvider = 200;

    /// <summary>Eastern time without daylight saving: every generated time carries this clinic-local offset.</summary>
    public static readonly TimeSpan DefaultUtcOffset = TimeSpan.FromHours(-5);

    /// <summary>How many clinics the providers work in; at least 1, at most one per provider.</summary>
    public required int Clinics { get; init; }

    /// <summary>How many providers (therapists) the network has; provider ids run T001, T002, ….</summary>
    public required int Providers { get; init; }

    /// <summary>How many patients each provider has on their panel; patient ids run P00001, ….</summary>
    public int PatientsPerProvider { get; init; } = DefaultPatientsPerProvider;

    /// <summary>How many calendar days of slots and appointments, starting at <see cref="StartDate"/>.</summary>
    public int Days { get; init; } = DefaultDays;

    /// <summary>The first day of the horizon (clinic-local).</summary>
    public required DateOnly StartDate { get; init; }

    /// <summary>The seed of every random choice.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>The clinics' offset from UTC.</summary>
    public TimeSpan UtcOffset { get; init; } = DefaultUtcOffset;

    /// <summary>The demo network starting on <paramref name="startDate"/>.</summary>
    public static ClinicNetworkSpec Demo(DateOnly startDate, int seed = DefaultSeed) => new()
    {
        Clinics = DemoClinics,
        Providers = DemoProviders,
        StartDate = startDate,
        Seed = seed,
    };

    /// <summary>The clinic count used when only the provider count is given.</summary>
    public static int DefaultClinicsFor(int providers) => Math.Max(1, (providers + DefaultProvidersPerClinic - 1) / DefaultProvidersPerClinic);

    /// <summary>The clinic-local day of <paramref name="now"/>: "today" for a network generated now.</summary>
    public static DateOnly TodayAt(DateTimeOffset now, TimeSpan utcOffset) => DateOnly.FromDateTime(now.ToOffset(utcOffset).DateTime);

    /// <summary>Every problem with the spec, each naming its member; empty when it can be generated.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Providers is < 1 or > MaxProviders)
        {
            errors.Add($"{nameof(Providers)} must be between 1 and {MaxProviders} (was {Providers}).");
        }

        if (Clinics < 1 || Clinics > Math.Max(1, Providers))
        {
            errors.Add($"{nameof(Clinics)} must be between 1 and the number of providers (was {Clinics}).");
        }

        if (PatientsPerProvider is < 1 or > MaxPatientsPerProvider)
        {
            errors.Add($"{nameof(PatientsPerProvider)} must be between 1 and {MaxPatientsPerProvider} (was {PatientsPerProvider}).");
        }

        if (Days is < 1 or > MaxDays)
        {
            errors.Add($"{nameof(Days)} must be between 1 and {MaxDays} (was {Days}).");
        }

        if (UtcOffset < TimeSpan.FromHours(-14) || UtcOffset > TimeSpan.FromHours(14) || UtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            errors.Add($"{nameof(UtcOffset)} must be whole minutes between -14:00 and +14:00 (was {UtcOffset}).");
        }

        return errors;
    }
}
