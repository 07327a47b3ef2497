using System.Collections.Concurrent;

namespace Reroute.Runtime.Tests.Grains;

/// <summary>
/// Named one-shot signals shared by test grains and tests. Tests await them (with a generous guard) instead of
/// sleeping; grains set them when the observed thing happens.
/// </summary>
public static class Signals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<object?>> s_signals = new();

    public static TaskCompletionSource<object?> Get(string name)
        => s_signals.GetOrAdd(name, static _ => new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));

    public static void Set(string name, object? value = null) => Get(name).TrySetResult(value);

    public static Task<object?> Wait(string name) => Get(name).Task.WaitAsync(TimeSpan.FromSeconds(20));

    public static bool IsSet(string name) => Get(name).Task.IsCompleted;
}
