using System.ComponentModel;

namespace Reroute.Runtime;

/// <summary>A call to a grain method returning <typeparamref name="TResult"/> (methods returning plain Task use <c>object?</c>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest<TResult> : GrainRequest
{
    private TaskCompletionSource<TResult>? _completion;

    internal override bool IsCompleted => _completion?.Task.IsCompleted ?? false;

    internal override Task? Completion => _completion?.Task;

    internal override Task CreateCompletion()
    {
        // A request is created once per call; keeping the first completion means a call passed on (forwarded) can
        // never lose the task its caller waits on.
        _completion ??= new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _completion.Task;
    }

    internal override void CompleteFrom(Task finished)
    {
        if (_completion is not { } completion)
        {
            return;
        }

        if (finished.IsFaulted)
        {
            completion.TrySetException(finished.Exception!.InnerExceptions.Count == 1
                ? finished.Exception.InnerException!
                : finished.Exception);
        }
        else if (finished.IsCanceled)
        {
            completion.TrySetCanceled();
        }
        else
        {
            completion.TrySetResult(finished is Task<TResult> typed ? typed.Result : default!);
        }
    }

    internal override Task ResultAfter(Task chain, Func<Task?> innerTask) => Typed(chain, innerTask);

    private static async Task<TResult> Typed(Task chain, Func<Task?> innerTask)
    {
        await chain.ConfigureAwait(false);
        return innerTask() is Task<TResult> typed ? await typed.ConfigureAwait(false) : default!;
    }

    internal override Task Faulted(Exception exception) => Task.FromException<TResult>(exception);

    internal override void CompleteWithResult(object? result) => _completion?.TrySetResult(result is null ? default! : (TResult)result);

    internal override bool TryFail(Exception exception) => _completion?.TrySetException(exception) ?? false;

    internal override object? GetResult(Task finished) => finished is Task<TResult> typed ? typed.Result : null;
}
