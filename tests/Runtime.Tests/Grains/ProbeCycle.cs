namespace Reroute.Runtime.Tests.Grains;

/// <summary>An object that refers to itself: JSON cannot carry it, so a reply holding it cannot be encoded.</summary>
public sealed class ProbeCycle
{
    public ProbeCycle? Next { get; set; }
}
