using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>One generated clinic: its id, a made-up name, the state it is in and where it is.</summary>
public sealed record Clinic
{
    /// <summary>The clinic id (C01, C02, …), as providers and appointments refer to it.</summary>
    public required string Id { get; init; }

    /// <summary>A made-up name.</summary>
    public required string Name { get; init; }

    /// <summary>The state the clinic is in (two-letter code).</summary>
    public required string State { get; init; }

    /// <summary>A state across a nearby border, where some of its patients live; null when there is none.</summary>
    public string? NeighbourState { get; init; }

    /// <summary>Where the clinic is.</summary>
    public required GeoLocation Location { get; init; }
}
