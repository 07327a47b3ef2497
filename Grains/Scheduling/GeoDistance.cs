using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>Great-circle distances: close enough to road distance for a "how far will they travel" rule.</summary>
internal static class GeoDistance
{
    /// <summary>The mean radius of the earth (IUGG), in km.</summary>
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>The length of a degree along a meridian, in km.</summary>
    private const double KmPerDegreeOfLatitude = Math.PI * EarthRadiusKm / 180;

    /// <summary>Haversine distance between two points, in km.</summary>
    public static double Km(GeoLocation from, GeoLocation to)
    {
        var lat1 = double.DegreesToRadians(from.Latitude);
        var lat2 = double.DegreesToRadians(to.Latitude);
        var dLat = lat2 - lat1;
        var dLon = double.DegreesToRadians(to.Longitude - from.Longitude);
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var h = (sinLat * sinLat) + (Math.Cos(lat1) * Math.Cos(lat2) * sinLon * sinLon);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// Whether the two points are at most <paramref name="km"/> apart. The latitude gap alone is a lower bound of the
    /// distance, so most far-away points are ruled out without the trigonometry.
    /// </summary>
    public static bool Within(GeoLocation from, GeoLocation to, double km) =>
        Math.Abs(to.Latitude - from.Latitude) * KmPerDegreeOfLatitude <= km && Km(from, to) <= km;
}
