namespace Reroute.Runtime.Tests.Grains;

/// <summary>Fails to activate the first time for each key, then works.</summary>
public sealed class BrokenGrain : Grain, IBrokenGrain
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> s_attempts = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
        => s_attempts.AddOrUpdate(GetPrimaryKeyString(), 1, static (_, n) => n + 1) == 1
            ? throw new InvalidDataException("activation failed once")
            : Task.CompletedTask;

    public Task<string> Hello() => Task.FromResult("hello");
}
