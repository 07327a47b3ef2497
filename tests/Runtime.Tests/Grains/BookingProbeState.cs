namespace Reroute.Runtime.Tests.Grains;

public sealed class BookingProbeState
{
    public List<int> Booked { get; set; } = [];

    public int Attempts { get; set; }
}
