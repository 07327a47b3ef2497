using System.Collections.Immutable;
using System.ComponentModel;

namespace Reroute.Runtime;

/// <summary>
/// One call to a grain method with its arguments. Generated code derives one class per interface method; the runtime
/// adds the envelope (request context, call chain) and completes the caller's task when the call runs later.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest
{
    /// <summary>The method called.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public abstract GrainMethod Method { get; }

    /// <summary>How many arguments the method takes.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public abstract int ArgumentCount { get; }

    /// <summary>The argument at <paramref name="index"/>, boxed (for filters and logs, not the hot path).</summary>
    public abstract object? GetArgument(int index);

    /// <summary>Runs the method on <paramref name="grain"/>; returns the method's task.</summary>
    public abstract Task Invoke(object grain);

    /// <summary>The caller's request context.</summary>
    public ImmutableDictionary<string, string>? Context { get; set; }

    /// <summary>The requests waiting on this one, newest first.</summary>
    public CallChainLink? CallChain { get; set; }

    /// <summary>Set by the runtime: when the call times out (a <see cref="TimeProvider"/> timestamp), or 0.</summary>
    internal long DeadlineTimestamp;

    /// <summary>Set by the runtime while the call waits, e.g. the grain it is queued at.</summary>
    internal object? RuntimeState;

    /// <summary>Creates the task the caller waits on when the call cannot complete at once.</summary>
    internal abstract Task CreateCompletion();

    /// <summary>Completes the caller's task from the grain method's finished task.</summary>
    internal abstract void CompleteFrom(Task finished);

    /// <summary>A task of this method's result type, failed with <paramref name="exception"/>.</summary>
    internal abstract Task Faulted(Exception exception);

    /// <summary>Completes the caller's task with a result that came from another process.</summary>
    internal abstract void CompleteWithResult(object? result);

    /// <summary>Fails the caller's task.</summary>
    internal abstract bool TryFail(Exception exception);

    /// <summary>The result of a finished task of this method, boxed.</summary>
    internal abstract object? GetResult(Task finished);

    /// <summary>Whether the caller's task exists and has completed.</summary>
    internal abstract bool IsCompleted { get; }

    /// <summary>
    /// A task of this method's result type that completes when <paramref name="chain"/> (filters around the call) has
    /// completed, with the result of the grain method's own task (<paramref name="innerTask"/>, read at that point).
    /// </summary>
    internal abstract Task ResultAfter(Task chain, Func<Task?> innerTask);

    /// <summary>The caller's task, once created.</summary>
    internal abstract Task? Completion { get; }
}
