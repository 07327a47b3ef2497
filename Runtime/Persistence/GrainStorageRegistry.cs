namespace Reroute.Runtime.Persistence;

/// <summary>The silo's storage providers by name, and which one is the default.</summary>
internal sealed class GrainStorageRegistry(IEnumerable<IGrainStorage> providers, string defaultName)
{
    private readonly Dictionary<string, IGrainStorage> _byName = providers.ToDictionary(static p => p.Name, StringComparer.OrdinalIgnoreCase);

    public IGrainStorage Default => Get(null);

    public IGrainStorage Get(string? name)
        => _byName.TryGetValue(name ?? defaultName, out var storage)
            ? storage
            : throw new InvalidOperationException(
                $"No grain storage named '{name ?? defaultName}'. Configured: {string.Join(", ", _byName.Keys)}.");
}
