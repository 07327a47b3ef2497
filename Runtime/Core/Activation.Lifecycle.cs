using Microsoft.Extensions.Logging;

namespace Reroute.Runtime.Core;

internal sealed partial class Activation
{
    /// <summary>Constructs the grain, reads its state and runs <c>OnActivateAsync</c>, as the activation's first turn.</summary>
    internal async Task ActivateAsync()
    {
        try
        {
            var states = _grainClass.CreateStates(GrainId, _runtime.Storage);
            _grain = GrainContextScope.Construct(this, () => _grainClass.Create(_runtime.Services, states));
            _states = states;
            foreach (var state in states)
            {
                await state.ReadStateAsync();
            }

            if (_grain is Grain grain)
            {
                CallScope.Current = new CallScope(this, new CallChainLink(GrainId, nameof(Grain.OnActivateAsync), Token, null));
                using var cancellation = new CancellationTokenSource(_runtime.Options.ActivationTimeout, _runtime.Time);
                await grain.OnActivateAsync(cancellation.Token);
            }
        }
        catch (Exception exception)
        {
            _runtime.LogActivationFailed(GrainId, exception);
            FailActivation(exception);
            return;
        }

        List<GrainRequest>? admitted = null;
        var deactivateNow = false;
        lock (_gate)
        {
            if (HoldsStaleState)
            {
                // OnActivateAsync caught the refusal of its own write: no call runs on the stale copy; the waiting ones
                // pass to the next activation, which reads the stored state.
                _deactivationReason = s_staleState;
                _state = ActivationState.Deactivating;
                deactivateNow = true;
            }
            else
            {
                _state = ActivationState.Valid;
                admitted = AdmitWaiting();
                if (_deactivateWhenIdle && _running == 0)
                {
                    _state = ActivationState.Deactivating;
                    deactivateNow = true;
                }
            }
        }

        StartAll(admitted);
        if (deactivateNow)
        {
            StartDeactivationTurn();
        }
    }

    private void FailActivation(Exception exception)
    {
        GrainRequest[] waiting;
        lock (_gate)
        {
            _state = ActivationState.Invalid;
            _runtime.Catalog.Remove(this);
            waiting = _waiting?.ToArray() ?? [];
            _waiting?.Clear();
        }

        foreach (var request in waiting)
        {
            _runtime.Timeouts.Untrack(request);
            request.TryFail(exception);
        }

        _deactivated?.TrySetResult();
    }

    /// <summary>Runs the activation turn on this activation's scheduler; inline when the caller may.</summary>
    internal void StartActivation()
    {
        Task<Task> turn;
        using (ExecutionContext.SuppressFlow())
        {
            turn = new Task<Task>(static state => ((Activation)state!).ActivateAsync(), this);
        }

        if (System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack() && _scheduler.TryEnter())
        {
            try
            {
                _scheduler.RunEntered(turn);
            }
            finally
            {
                _scheduler.Exit();
            }
        }
        else
        {
            _scheduler.Enqueue(turn);
        }
    }

    public void DeactivateOnIdle()
    {
        var now = false;
        lock (_gate)
        {
            _deactivationReason = new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "The grain asked to be deactivated.");
            if (_state == ActivationState.Activating)
            {
                // Asked from OnActivateAsync: honoured as soon as activation completes.
                _deactivateWhenIdle = true;
                return;
            }

            if (_state != ActivationState.Valid)
            {
                return;
            }

            if (_running == 0)
            {
                _state = ActivationState.Deactivating;
                now = true;
            }
            else
            {
                _deactivateWhenIdle = true;
            }
        }

        if (now)
        {
            StartDeactivationTurn();
        }
    }

    /// <summary>Deactivates once running turns end; completes when the activation is gone.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        var now = false;
        Task done;
        lock (_gate)
        {
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done = _deactivated.Task;
            switch (_state)
            {
                case ActivationState.Valid:
                    _deactivationReason = reason;
                    _state = ActivationState.Deactivating;
                    now = _running == 0;
                    break;
                case ActivationState.Created:
                    _state = ActivationState.Invalid;
                    _runtime.Catalog.Remove(this);
                    _deactivated.TrySetResult();
                    break;
                case ActivationState.Invalid:
                    _deactivated.TrySetResult();
                    break;
                case ActivationState.Activating:
                    // Let activation finish; then take it down.
                    _deactivateWhenIdle = true;
                    _deactivationReason = reason;
                    break;
            }
        }

        if (now)
        {
            StartDeactivationTurn();
        }

        return done;
    }

    private void StartDeactivationTurn()
    {
        Task<Task> turn;
        using (ExecutionContext.SuppressFlow())
        {
            turn = new Task<Task>(static state => ((Activation)state!).RunDeactivation(), this);
        }

        _scheduler.Enqueue(turn);
    }

    private async Task RunDeactivation()
    {
        var reason = _deactivationReason.ReasonCode == DeactivationReasonCode.None
            ? new DeactivationReason(DeactivationReasonCode.ActivationIdle, "Idle longer than the collection age.")
            : _deactivationReason;
        if (_extras is { } extras)
        {
            foreach (var timer in extras.Timers.ToArray())
            {
                timer.Dispose();
            }

            foreach (var subscription in extras.Subscriptions.ToArray())
            {
                subscription.Remove();
            }
        }

        if (_grain is Grain grain)
        {
            try
            {
                CallScope.Current = new CallScope(this, new CallChainLink(GrainId, nameof(Grain.OnDeactivateAsync), Token, null));
                using var cancellation = new CancellationTokenSource(_runtime.Options.DeactivationTimeout, _runtime.Time);
                await grain.OnDeactivateAsync(reason, cancellation.Token);
            }
            catch (Exception exception)
            {
                _runtime.Logger.LogError(exception, "OnDeactivateAsync of {GrainId} failed", GrainId.ToString());
            }
        }

        GrainRequest[] forward;
        lock (_gate)
        {
            // Gone and out of the catalog in one step: a caller that finds this activation gone passes its call on
            // through the catalog, and while the catalog still held it, that pass came straight back here, round and
            // round on the caller's stack until this thread ran again (a stack overflow in CI).
            _state = ActivationState.Invalid;
            _runtime.Catalog.Remove(this);
            forward = _waiting?.ToArray() ?? [];
            _waiting = null;
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _runtime.LogDeactivated(GrainId, reason.ReasonCode);
        foreach (var request in forward)
        {
            _runtime.Forward(GrainId, request);
        }

        _deactivated.TrySetResult();
    }
}
