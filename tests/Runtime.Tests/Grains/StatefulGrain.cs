namespace Reroute.Runtime.Tests.Grains;

/// <summary>
/// Keeps a value in persistent state, writes it in <c>OnDeactivateAsync</c> (as a grain that must not lose work does),
/// and reports activation, deactivation, reminder ticks and timer ticks through <see cref="Signals"/>.
/// </summary>
public sealed class StatefulGrain([PersistentState("profile")] IPersistentState<StatefulState> state) : Grain, IStatefulGrain, IRemindable
{
    private int _timerTicks;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        Signals.Set($"activated:{key}:{state.State.Value}");
        if (Signals.IsSet($"write-on-activation:{key}") && Signals.Get($"write-on-activation-claimed:{key}").TrySetResult(null))
        {
            // One activation (the first to claim it) writes from OnActivateAsync once the test lets it, catching a refusal.
            Signals.Set($"activation-read:{key}");
            await Signals.Wait($"activation-gate:{key}");
            state.State.Value = "written on activation";
            try
            {
                await state.WriteStateAsync();
            }
            catch (InconsistentStateException)
            {
                Signals.Set($"activation-write-refused:{key}");
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await state.WriteStateAsync();
        Signals.Set($"deactivated:{GetPrimaryKeyString()}", reason.ReasonCode);
    }

    public async Task Set(string value, bool write)
    {
        state.State.Value = value;
        if (write)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<string?> Get() => Task.FromResult(state.State.Value);

    public async Task<bool> TrySet(string value)
    {
        state.State.Value = value;
        try
        {
            await state.WriteStateAsync();
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    public Task SetThrough(string otherKey, string value) => GrainFactory.GetGrain<IStatefulGrain>(otherKey).Set(value, write: true);

    public async Task SetAfterGate(string value)
    {
        Signals.Set($"entered:{GetPrimaryKeyString()}");
        await Signals.Wait($"gate:{GetPrimaryKeyString()}");
        state.State.Value = value;
    }

    public async Task RegisterReminder(TimeSpan due, TimeSpan period)
        => await RegisterOrUpdateReminder("tick", due, period);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Reminders++;
        await state.WriteStateAsync();
        Signals.Set($"reminder:{GetPrimaryKeyString()}:{state.State.Reminders}", status);
    }

    public Task StartTimer(TimeSpan period)
    {
        RegisterGrainTimer(_ =>
        {
            _timerTicks++;
            Signals.Set($"timer:{GetPrimaryKeyString()}:{_timerTicks}");
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task<int> TimerTicks() => Task.FromResult(_timerTicks);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task Fail(string message) => throw new InvalidOperationException(message);
}
