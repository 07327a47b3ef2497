namespace Reroute.Runtime.Tests.Grains;

public sealed class WorkflowProbeState
{
    public int NextStep { get; set; }
}
