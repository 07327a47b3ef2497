namespace Reroute.Silo.Demo;

/// <summary>What the simulated patients and head of department did in a demo run, counted on their side.</summary>
internal sealed class DemoTally
{
    public int OffersReceived { get; set; }

    public int Accepted { get; set; }

    public int Declined { get; set; }

    public int Ignored { get; set; }

    /// <summary>Answers the silo refused because the offer had closed (expired or withdrawn) by then.</summary>
    public int Late { get; set; }

    public int BackfillOffers { get; set; }

    public int BackfillAccepted { get; set; }

    public int Reviews { get; set; }

    public Dictionary<string, int> ByChannel { get; } = new(StringComparer.Ordinal);
}
