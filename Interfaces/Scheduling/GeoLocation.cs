namespace Reroute.Interfaces.Scheduling;

/// <summary>A point on the earth in decimal degrees (WGS 84), for travel distances between homes and clinics.</summary>
public sealed record GeoLocation
{
    /// <summary>Latitude in degrees, −90..90.</summary>
    public required double Latitude { get; init; }

    /// <summary>Longitude in degrees, −180..180.</summary>
    public required double Longitude { get; init; }
}
