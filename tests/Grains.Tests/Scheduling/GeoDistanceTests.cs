using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Tests.Scheduling;

public sealed class GeoDistanceTests
{
    [Fact]
    public void Within_agrees_with_the_haversine_distance_everywhere_including_across_the_poles_and_the_date_line()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var from = new GeoLocation { Latitude = (random.NextDouble() * 180) - 90, Longitude = (random.NextDouble() * 360) - 180 };
            var to = new GeoLocation
            {
                Latitude = Math.Clamp(from.Latitude + ((random.NextDouble() - 0.5) * 4), -90, 90),
                Longitude = from.Longitude + ((random.NextDouble() - 0.5) * 4),
            };
            var km = random.NextDouble() * 300;

            Assert.Equal(GeoDistance.Km(from, to) <= km, GeoDistance.Within(from, to, km));
        }
    }

    [Fact]
    public void Cincinnati_to_Covington_is_a_short_trip_and_to_Columbus_is_not()
    {
        var cincinnati = new GeoLocation { Latitude = 39.1031, Longitude = -84.5120 };
        var covington = new GeoLocation { Latitude = 39.0837, Longitude = -84.5086 };
        var columbus = new GeoLocation { Latitude = 39.9612, Longitude = -82.9988 };

        Assert.InRange(GeoDistance.Km(cincinnati, covington), 2, 3);
        Assert.True(GeoDistance.Within(cincinnati, covington, 25));
        Assert.InRange(GeoDistance.Km(cincinnati, columbus), 160, 165);
        Assert.False(GeoDistance.Within(cincinnati, columbus, 100));
    }
}
