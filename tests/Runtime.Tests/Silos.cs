using Reroute.Runtime.Testing;
using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

internal static class Silos
{
    public static TestSiloOptions Options(string storage = "Memory")
    {
        var options = new TestSiloOptions { StorageProvider = storage };
        options.GrainAssemblies.Add(typeof(CounterGrain).Assembly);
        return options;
    }

    public static Task<TestSilo> Start(string storage = "Memory", Action<TestSiloOptions>? configure = null)
    {
        var options = Options(storage);
        configure?.Invoke(options);
        return TestSilo.StartAsync(options);
    }

    /// <summary>A key no other test uses, so static signals never collide.</summary>
    public static string Key(string prefix = "k") => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}
