namespace Reroute.Silo.Tests;

public sealed class SampleStorageOptions
{
    public string Kind { get; set; } = "memory";
}
