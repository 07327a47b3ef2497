namespace Reroute.Silo.Tests.Cluster;

/// <summary>Tests that run several silo processes: alone, so the other tests' silos do not starve them of the machine's cores.</summary>
[CollectionDefinition(nameof(SiloProcessCollection), DisableParallelization = true)]
public sealed class SiloProcessCollection;
