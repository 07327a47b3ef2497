using Reroute.Runtime.Hosting;

namespace Reroute.Silo.Hosting;

/// <summary>
/// Whether the silo should receive traffic; <c>/ready</c> answers from this. Starts not ready. The host marks it
/// ready once started and not ready when stopping; the grain runtime may take over (see <c>SiloHost.Build</c>).
/// </summary>
/// <param name="runtime">The grain runtime's own status: the silo is ready only when the runtime is too.</param>
public sealed class SiloReadiness(SiloStatus? runtime = null)
{
    /// <summary>The reason given before anything has marked the silo ready.</summary>
    public const string StartingReason = "The silo is starting.";

    // One immutable pair, swapped atomically, so a reader never sees IsReady from one call and Reason from another.
    private State _state = new(false, StartingReason);

    /// <summary>True when the silo can serve requests.</summary>
    public bool IsReady => Volatile.Read(ref _state).IsReady && (runtime?.IsReady ?? true);

    /// <summary>Why the silo is not ready; null when it is.</summary>
    public string? Reason => Volatile.Read(ref _state).Reason
        ?? (runtime is { IsReady: false } ? $"The grain runtime is {runtime.Stage}." : null);

    /// <summary>Marks the silo ready.</summary>
    public void MarkReady() => Volatile.Write(ref _state, new State(true, null));

    /// <summary>Marks the silo not ready, saying why (shown to load balancers and operators; no secrets, no PHI).</summary>
    public void MarkNotReady(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Volatile.Write(ref _state, new State(false, reason));
    }

    private sealed record State(bool IsReady, string? Reason);
}
