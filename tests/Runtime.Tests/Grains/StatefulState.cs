namespace Reroute.Runtime.Tests.Grains;

public sealed class StatefulState
{
    public string? Value { get; set; }

    public int Reminders { get; set; }
}
