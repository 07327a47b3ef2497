namespace Reroute.Runtime.Tests.Grains;

public sealed class ReminderProbeState
{
    public List<string> FiredOn { get; set; } = [];
}
