namespace Reroute.Runtime.Persistence;

/// <summary>One wording of a refused conditional write, for every provider.</summary>
public static class InconsistentStateMessages
{
    /// <summary>Builds the exception for a write of <paramref name="grainId"/> that found another version stored.</summary>
    public static InconsistentStateException For(GrainId grainId, string stateName, string? storedEtag, string? expectedEtag)
        => new(
            $"State '{stateName}' of {grainId} was changed by another writer: stored version {storedEtag ?? "(none)"}, " +
            $"this activation holds {expectedEtag ?? "(none)"}. The write was refused and nothing changed.",
            storedEtag,
            expectedEtag);
}
