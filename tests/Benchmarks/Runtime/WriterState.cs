namespace Reroute.Benchmarks.Runtime;

public sealed class WriterState
{
    public int Value { get; set; }

    public string Note { get; set; } = "appointment 2026-01-05T09:00 provider T001 clinic north";
}
