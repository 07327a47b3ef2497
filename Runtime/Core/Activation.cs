using System.Runtime.CompilerServices;
using Reroute.Runtime.Persistence;

namespace Reroute.Runtime.Core;

/// <summary>
/// One live grain: its instance, its turn gate and its scheduler. A request runs when the gate admits it — one at a
/// time, unless the grain is reentrant, the method interleaves, both are read-only, or the request comes back along
/// the call chain of a request this activation is waiting in.
/// </summary>
internal sealed partial class Activation : DispatchTarget, IGrainContext
{
    private static readonly Func<object?, Task> s_runTurn = static state => Request(state).TargetActivation().RunTurn(Request(state));
    private static readonly Func<object?, Task> s_runDeferredTurn = static state => Request(state).TargetActivation().RunDeferredTurn(Request(state));
    private static readonly Action<Task, object?> s_turnFinished = static (task, state) => Request(state).TargetActivation().OnTurnFinished(Request(state), task);
    private static readonly DeactivationReason s_staleState = new(DeactivationReasonCode.StaleState, "A state write was refused: another writer changed the stored state.");
    // Call chains cross processes in cluster mode: each process counts from its own random start so tokens do not collide.
    private static long s_nextToken = Random.Shared.NextInt64(1L << 40) << 20;

    private readonly Lock _gate = new();
    private readonly GrainRuntime _runtime;
    private readonly GrainClass _grainClass;
    private readonly ActivationScheduler _scheduler = new();
    private Queue<GrainRequest>? _waiting;
    private object? _grain;
    private IPersistentStateBinding[] _states = [];
    private ActivationState _state;
    private int _running;
    private int _runningWriters;
    private int _lastActiveTick;
    private int _keepAliveUntilTick;
    private bool _deactivateWhenIdle;
    private DeactivationReason _deactivationReason;
    private TaskCompletionSource? _deactivated;
    private ActivationExtras? _extras;

    public Activation(GrainRuntime runtime, GrainClass grainClass, GrainId grainId)
    {
        _runtime = runtime;
        _grainClass = grainClass;
        GrainId = grainId;
        Token = Interlocked.Increment(ref s_nextToken);
        _lastActiveTick = runtime.Catalog.CurrentTick;
    }

    public GrainId GrainId { get; }

    /// <summary>Unique per activation in this process; call chains name activations by it.</summary>
    public long Token { get; }

    public object? GrainInstance => _grain;

    /// <summary>Whether a state write of this activation was refused as stale (it goes once idle).</summary>
    public bool HoldsStaleState => Array.Exists(_states, static s => s.IsStale);

    public GrainClass GrainClass => _grainClass;

    public override bool IsLive => _state < ActivationState.Deactivating;

    /// <summary>Whether the activation has finished deactivating (or never activated).</summary>
    public bool IsGone => _state == ActivationState.Invalid;

    public bool IsIdle => _running == 0 && _waiting is not { Count: > 0 };

    internal ActivationExtras Extras => _extras ??= new ActivationExtras();

    public override Task Receive(GrainRequest request) => Receive(request, forwarded: false);

    /// <summary>Takes a call; a forwarded call already has the caller's task and is never run inline.</summary>
    public Task Receive(GrainRequest request, bool forwarded)
    {
        Task waiting;
        var startActivation = false;
        lock (_gate)
        {
            if (_state == ActivationState.Valid && CanRunNow(request))
            {
                Admit(request);
                goto admitted;
            }

            if (_state == ActivationState.Invalid)
            {
                // A caller that found this activation just before it went away: the next activation takes the call.
                goto gone;
            }

            if (_state < ActivationState.Deactivating
                && _running > 0
                && _grainClass.DisallowCallChainReentrancy
                && request.CallChain is { } chain
                && chain.Contains(Token))
            {
                var deadlock = new DeadlockException(
                    $"Deadlock: {chain.Describe()} → {GrainId}.{request.Method.Name}. {GrainId} is waiting on this call chain " +
                    $"and {_grainClass.ClassType.Name} does not allow call-chain reentrancy.");
                if (!forwarded)
                {
                    return request.Faulted(deadlock);
                }

                _runtime.Timeouts.Untrack(request);
                request.TryFail(deadlock);
                return request.Completion!;
            }

            // Not yet active, busy, deactivating or gone: the call waits (and is forwarded if this activation goes away).
            waiting = Wait(request, forwarded);
            if (_state == ActivationState.Created)
            {
                _state = ActivationState.Activating;
                startActivation = true;
            }
        }

        if (startActivation)
        {
            StartActivation();
        }

        return waiting;

    gone:
        var completion = request.CreateCompletion();
        if (!forwarded)
        {
            _runtime.Timeouts.Track(request, GrainId);
        }

        _runtime.Forward(GrainId, request);
        return completion;

    admitted:
        if (forwarded)
        {
            StartDeferred(request);
            return request.Completion!;
        }

        return StartAdmitted(request);
    }

    /// <summary>Whether the gate lets <paramref name="request"/> run alongside what runs now. Call under the gate.</summary>
    private bool CanRunNow(GrainRequest request)
    {
        if (_running == 0)
        {
            return _waiting is not { Count: > 0 };
        }

        if (_grainClass.IsReentrant || request.Method.AlwaysInterleave)
        {
            return true;
        }

        if (request.Method.IsReadOnly && _runningWriters == 0)
        {
            return true;
        }

        return request.CallChain is { } chain && !_grainClass.DisallowCallChainReentrancy && chain.Contains(Token);
    }

    private void Admit(GrainRequest request)
    {
        _running++;
        if (!request.Method.IsReadOnly)
        {
            _runningWriters++;
        }

        request.RuntimeState = this;
    }

    private Task Wait(GrainRequest request, bool forwarded)
    {
        (_waiting ??= new Queue<GrainRequest>()).Enqueue(request);
        if (forwarded)
        {
            return request.Completion!;
        }

        var completion = request.CreateCompletion();
        _runtime.Timeouts.Track(request, GrainId);
        return completion;
    }

    /// <summary>Runs an admitted request: inline on the caller's thread when the scheduler is free, else queued.</summary>
    private Task StartAdmitted(GrainRequest request)
    {
        // Inline only while the stack has room: a long chain of nested inline calls is deferred instead of overflowing.
        if (RuntimeHelpers.TryEnsureSufficientExecutionStack() && _scheduler.TryEnter())
        {
            Task inner;
            try
            {
                var turn = new Task<Task>(s_runTurn, request);
                _scheduler.RunEntered(turn);
                inner = turn.Result;
            }
            finally
            {
                _scheduler.Exit();
            }

            if (inner.IsCompleted)
            {
                ReleaseTurn(request, inner);
                return inner;
            }

            var completion = request.CreateCompletion();
            _runtime.Timeouts.Track(request, GrainId);
            inner.ContinueWith(s_turnFinished, request, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return completion;
        }

        var deferred = request.CreateCompletion();
        _runtime.Timeouts.Track(request, GrainId);
        StartDeferred(request);
        return deferred;
    }

    private void StartDeferred(GrainRequest request)
    {
        Task<Task> turn;
        using (ExecutionContext.SuppressFlow())
        {
            turn = new Task<Task>(s_runDeferredTurn, request);
        }

        _scheduler.Enqueue(turn);
    }

    private Task RunDeferredTurn(GrainRequest request)
    {
        var inner = RunTurn(request);
        inner.ContinueWith(s_turnFinished, request, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return inner;
    }

    /// <summary>The body of a turn; runs on this activation's scheduler.</summary>
    private Task RunTurn(GrainRequest request)
    {
        CallScope.Current = new CallScope(this, new CallChainLink(GrainId, request.Method.Name, Token, request.CallChain));
        if (!ReferenceEquals(RequestContext.Snapshot, request.Context))
        {
            RequestContext.Snapshot = request.Context;
        }

        try
        {
            return _runtime.IncomingFilters.Length == 0
                ? request.Invoke(_grain!)
                : IncomingCallContext.Run(_runtime.IncomingFilters, this, request);
        }
        catch (Exception exception)
        {
            return request.Faulted(exception);
        }
    }

    private void OnTurnFinished(GrainRequest request, Task finished)
    {
        // Release before answering: a caller that calls again at once must find the turn over and its activity counted.
        _runtime.Timeouts.Untrack(request);
        ReleaseTurn(request, finished);
        request.CompleteFrom(finished);
    }

    /// <summary>Ends a request's turn and starts whatever the gate now admits.</summary>
    private void ReleaseTurn(GrainRequest request, Task finished)
    {
        if (finished.IsFaulted)
        {
            _runtime.LogGrainCallFailed(GrainId, request.Method.DisplayName, finished.Exception!.InnerException!);
        }

        List<GrainRequest>? admitted = null;
        var deactivateNow = false;
        lock (_gate)
        {
            _running--;
            if (!request.Method.IsReadOnly)
            {
                _runningWriters--;
            }

            if (request is not IQuietRequest)
            {
                _lastActiveTick = _runtime.Catalog.CurrentTick;
            }

            if (_state == ActivationState.Valid && HoldsStaleState)
            {
                // Its copy of the state is older than the stored one and every later write would be refused too: as in
                // Orleans, it goes once idle, and the next call reads the stored state on a new activation. Only the
                // activation whose own write was refused (whether or not the grain caught the exception): a caller that merely
                // hears it keeps its state.
                _deactivationReason = s_staleState;
                _deactivateWhenIdle = true;
            }

            if (_state == ActivationState.Valid && _deactivateWhenIdle && _running == 0)
            {
                _state = ActivationState.Deactivating;
                deactivateNow = true;
            }
            else if (_state == ActivationState.Deactivating && _running == 0)
            {
                deactivateNow = true;
            }
            else if (_state == ActivationState.Valid)
            {
                admitted = AdmitWaiting();
            }
        }

        if (deactivateNow)
        {
            StartDeactivationTurn();
        }

        StartAll(admitted);
    }

    private List<GrainRequest>? AdmitWaiting()
    {
        List<GrainRequest>? admitted = null;
        while (_waiting is { Count: > 0 } && CanRunQueued(_waiting.Peek()))
        {
            var next = _waiting.Dequeue();
            Admit(next);
            (admitted ??= []).Add(next);
        }

        return admitted;
    }

    private bool CanRunQueued(GrainRequest request)
        => _running == 0
           || _grainClass.IsReentrant
           || request.Method.AlwaysInterleave
           || (request.Method.IsReadOnly && _runningWriters == 0);

    private void StartAll(List<GrainRequest>? admitted)
    {
        if (admitted is null)
        {
            return;
        }

        foreach (var request in admitted)
        {
            StartDeferred(request);
        }
    }

    public void RecordActivity() => _lastActiveTick = _runtime.Catalog.CurrentTick;

    /// <summary>Whether the collector may take this activation at <paramref name="tick"/>.</summary>
    public bool IsCollectible(int tick, int ageTicks)
        => _state == ActivationState.Valid
           && _running == 0
           && _waiting is not { Count: > 0 }
           && tick - _lastActiveTick >= ageTicks
           && tick >= _keepAliveUntilTick;

    public override string ToString() => $"{GrainId}#{Token}";

    private static GrainRequest Request(object? state) => (GrainRequest)state!;
}
