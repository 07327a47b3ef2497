namespace Reroute.Runtime.Core;

/// <summary>Makes sure a grain is active (e.g. an implicit stream subscriber, so it can subscribe) and does nothing else.</summary>
internal sealed class ActivateRequest(string grainType) : RuntimeRequest(new GrainMethod(grainType, "Activate", "Activate", GrainMethodFlags.AlwaysInterleave, null)), IQuietRequest
{
    public override Task Invoke(object grain) => Task.CompletedTask;
}
