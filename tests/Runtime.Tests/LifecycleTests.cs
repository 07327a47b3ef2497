using Microsoft.Extensions.DependencyInjection;
using Reroute.Runtime.Hosting;
using Reroute.Runtime.Testing;
using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        var options = Silos.Options("Sqlite");
        var key = Silos.Key();
        await using (var silo = await TestSilo.StartAsync(options))
        {
            await silo.GrainFactory.GetGrain<IStatefulGrain>(key).RegisterReminder(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        }

        // Same store, same timeline: the reminder comes due while the grain is not active anywhere.
        await using var restarted = await TestSilo.StartAsync(options);
        restarted.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(Signals.IsSet($"reminder:{key}:1"));
        restarted.Time.Advance(TimeSpan.FromMinutes(1));

        var status = (TickStatus)(await Signals.Wait($"reminder:{key}:1"))!;
        Assert.Equal(restarted.Time.GetUtcNow(), status.CurrentTickTime);
    }

    [Fact]
    public async Task A_reminder_due_while_the_silo_was_down_fires_once_when_it_is_back()
    {
        var options = Silos.Options("Sqlite");
        var key = Silos.Key();
        await using (var silo = await TestSilo.StartAsync(options))
        {
            await silo.GrainFactory.GetGrain<IStatefulGrain>(key).RegisterReminder(TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        }

        options.Time.Advance(TimeSpan.FromMinutes(30));
        await using var restarted = await TestSilo.StartAsync(options);

        await Signals.Wait($"reminder:{key}:1");
        restarted.Time.Advance(TimeSpan.FromHours(23));
        Assert.False(Signals.IsSet($"reminder:{key}:2"));
        restarted.Time.Advance(TimeSpan.FromHours(1));
        await Signals.Wait($"reminder:{key}:2");
    }

    [Fact]
    public async Task A_timer_ticks_as_a_turn_and_does_not_survive_deactivation()
    {
        await using var silo = await Silos.Start();
        var key = Silos.Key();
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(key);
        await grain.StartTimer(TimeSpan.FromSeconds(10));
        var timersWithGrain = silo.Time.ActiveTimers;

        silo.Time.Advance(TimeSpan.FromSeconds(10));
        await Signals.Wait($"timer:{key}:1");
        Assert.Equal(1, await grain.TimerTicks());

        await grain.Deactivate();
        await Signals.Wait($"deactivated:{key}");
        Assert.Equal(timersWithGrain - 1, silo.Time.ActiveTimers);

        silo.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, await grain.TimerTicks());
        Assert.False(Signals.IsSet($"timer:{key}:2"));
    }

    [Fact]
    public async Task An_idle_activation_is_collected_after_its_age_and_reactivates_with_its_state()
    {
        await using var silo = await Silos.Start(configure: o => o.Configuration["Reroute:Runtime:CollectionAge"] = "00:10:00");
        var key = Silos.Key();
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(key);
        await grain.Set("kept", write: false);
        var statistics = silo.Services.GetRequiredService<IGrainRuntimeStatistics>();

        silo.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(Signals.IsSet($"deactivated:{key}"));
        silo.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(DeactivationReasonCode.ActivationIdle, await Signals.Wait($"deactivated:{key}"));

        // The signal comes from inside OnDeactivateAsync; the catalog lets go right after it.
        Assert.True(SpinWait.SpinUntil(() => statistics.Snapshot().Activations == 0, TimeSpan.FromSeconds(10)));

        // OnDeactivateAsync wrote the state; the next call activates the grain again and reads it.
        Assert.Equal("kept", await grain.Get());
        await Signals.Wait($"activated:{key}:kept");
        Assert.Equal(1, statistics.Snapshot().Activations);
    }
}
