namespace Reroute.Runtime.Tests.Grains;

/// <param name="MaxRequests">Most requests in progress at once (interleaving).</param>
/// <param name="ParallelSections">Times code of two requests ran at the same instant (must be zero).</param>
public sealed record InterleavingReport(int MaxRequests, int ParallelSections);
