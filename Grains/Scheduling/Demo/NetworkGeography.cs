using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>Where generated clinics and patients are: metro areas in the Eastern time zone, clinics a few km apart.</summary>
internal static class NetworkGeography
{
    /// <summary>Kilometres per degree of latitude.</summary>
    private const double KmPerDegree = 111.32;

    /// <summary>Spacing of the clinic spiral: neighbouring clinics end up roughly this far apart.</summary>
    private const double ClinicSpacingKm = 2.5;

    /// <summary>A metro area fills up with this many clinics before the next one gets any (a small network stays local).</summary>
    private const int MinClinicsPerMetro = 6;

    /// <summary>The golden angle: a sunflower spiral spreads clinics evenly whatever their number.</summary>
    private const double GoldenAngleDegrees = 137.508;

    private const int CoordinateDecimals = 5;

    private static readonly Metro[] Metros =
    [
        new("OH", "KY", 39.1031, -84.5120),
        new("PA", "NJ", 39.9526, -75.1652),
        new("GA", null, 33.7490, -84.3880),
        new("NC", "SC", 35.2271, -80.8431),
        new("MI", null, 42.3314, -83.0458),
        new("MA", "NH", 42.3601, -71.0589),
        new("MD", "PA", 39.2904, -76.6122),
        new("IN", null, 39.7684, -86.1581),
        new("FL", null, 25.7617, -80.1918),
        new("NY", "NJ", 40.7128, -74.0060),
    ];

    /// <summary>The clinics of a network with <paramref name="count"/> clinics.</summary>
    public static IReadOnlyList<Clinic> Clinics(int count, Random random)
    {
        var perMetro = Math.Max(MinClinicsPerMetro, (count + Metros.Length - 1) / Metros.Length);
        var clinics = new Clinic[count];
        for (var i = 0; i < count; i++)
        {
            var metro = Metros[i / perMetro % Metros.Length];
            var k = i % perMetro;
            var center = new GeoLocation { Latitude = metro.Latitude, Longitude = metro.Longitude };
            clinics[i] = new Clinic
            {
                Id = ClinicNetworkGenerator.ClinicId(i + 1),
                Name = FakeNames.Clinic(random),
                State = metro.State,
                NeighbourState = metro.NeighbourState,
                Location = Offset(center, ClinicSpacingKm * Math.Sqrt(k + 1), k * GoldenAngleDegrees),
            };
        }

        return clinics;
    }

    /// <summary>The point <paramref name="km"/> from <paramref name="from"/> towards <paramref name="bearingDegrees"/> (flat-earth; fine at city scale).</summary>
    public static GeoLocation Offset(GeoLocation from, double km, double bearingDegrees)
    {
        var bearing = bearingDegrees * Math.PI / 180;
        var latitude = from.Latitude + (km * Math.Cos(bearing) / KmPerDegree);
        var longitude = from.Longitude + (km * Math.Sin(bearing) / (KmPerDegree * Math.Cos(from.Latitude * Math.PI / 180)));
        return new GeoLocation { Latitude = Math.Round(latitude, CoordinateDecimals), Longitude = Math.Round(longitude, CoordinateDecimals) };
    }

    private sealed record Metro(string State, string? NeighbourState, double Latitude, double Longitude);
}
