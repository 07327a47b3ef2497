namespace Reroute.Interfaces.Scheduling;

/// <summary>A provider's entry in the tenant's directory.</summary>
public sealed record ProviderListing
{
    /// <summary>The provider's id.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The clinic the provider works at.</summary>
    public required string ClinicId { get; init; }

    /// <summary>Where the provider's clinic is, so candidates can be found by distance; null in listings made before it was kept.</summary>
    public GeoLocation? Location { get; init; }

    /// <summary>The provider's discipline.</summary>
    public required string Discipline { get; init; }
}
