using System.Globalization;
using System.Text.Json;

namespace Reroute.Benchmarks;

/// <summary>Prints figures as they come and writes them as one JSON object (flat, but for nested tables) under bench-results/.</summary>
internal sealed class BenchResults(string name)
{
    private readonly Dictionary<string, object> _figures = new(StringComparer.Ordinal);

    public void Add(string key, double value, string unit, string description)
    {
        var rounded = Math.Round(value, value >= 100 ? 0 : 2);
        _figures[key] = rounded;
        Console.WriteLine($"  {description,-58} {rounded.ToString("N2", CultureInfo.InvariantCulture),16} {unit}");
    }

    public void Note(string key, string value) => _figures[key] = value;

    // Nested figures (a table per policy, say) are serialized by their runtime type, so any JSON-shaped object will do.
    public void AddObject(string key, object value) => _figures[key] = value;

    public string Write()
    {
        _figures["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";
        _figures["measured_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var folder = FindResultsFolder();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(_figures, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    // bench-results/ at the repository root, wherever the benchmark is started from.
    private static string FindResultsFolder()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return Path.Combine(dir.FullName, "bench-results");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "bench-results");
    }
}
