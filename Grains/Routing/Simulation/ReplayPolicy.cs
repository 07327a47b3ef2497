namespace Reroute.Grains.Routing.Simulation;

/// <summary>The routing policies the replay compares.</summary>
public enum ReplayPolicy
{
    /// <summary>Ours: classifier and planner, fed the simulated nodes' current load, health and breakers.</summary>
    Reroute,

    /// <summary>A uniformly random healthy node that hosts the model.</summary>
    Random,

    /// <summary>Healthy nodes that host the model, in turn.</summary>
    RoundRobin,

    /// <summary>The healthy node that hosts the model with the least load per slot.</summary>
    LeastLoaded,

    /// <summary>Always the cloud.</summary>
    AlwaysCloud,

    /// <summary>The edge node in the request's own cell; the cloud when it cannot serve.</summary>
    NearestMec,

    /// <summary>
    /// Always the cloud, except for the PHI requests a tenant keeps off the cloud: those go to the nearest edge node the
    /// tenant approved (its own cell first). The always-cloud policy an operator bound by the tenants' rules could run.
    /// </summary>
    AlwaysCloudCompliant,
}
