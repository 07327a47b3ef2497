using System.ComponentModel.DataAnnotations;

namespace Reroute.Silo.Tests;

/// <summary>Stands in for the runtime engineer's options: nested object, list, dictionary and a range rule.</summary>
public sealed class SampleRuntimeOptions
{
    [Range(1, 4096)]
    public int Partitions { get; set; } = 64;

    public SampleStorageOptions Storage { get; set; } = new();

    public List<string> Tags { get; set; } = [];

    public Dictionary<string, TimeSpan> Limits { get; set; } = [];
}
