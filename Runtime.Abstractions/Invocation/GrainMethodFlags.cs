namespace Reroute.Runtime;

/// <summary>Scheduling properties of a grain interface method.</summary>
[Flags]
public enum GrainMethodFlags
{
    /// <summary>A normal request: one turn at a time.</summary>
    None = 0,

    /// <summary>Interleaves with any request.</summary>
    AlwaysInterleave = 1,

    /// <summary>Interleaves with other read-only requests.</summary>
    ReadOnly = 2,
}
