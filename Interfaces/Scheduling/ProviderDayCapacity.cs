namespace Reroute.Interfaces.Scheduling;

/// <summary>How many more appointments a provider can take on one clinic-local day.</summary>
public sealed record ProviderDayCapacity
{
    /// <summary>The provider.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The clinic-local day.</summary>
    public required DateOnly Day { get; init; }

    /// <summary>Appointments the provider can still take that day.</summary>
    public required int Remaining { get; init; }
}
