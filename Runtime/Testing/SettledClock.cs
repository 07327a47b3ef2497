using Reroute.Runtime.Hosting;

namespace Reroute.Runtime.Testing;

/// <summary>
/// Moves a <see cref="ManualTimeProvider"/> the way real time passes on a silo: from one timer to the next, letting the
/// grain calls each timer starts finish before moving on. A single jump over hours would carry calls still in flight
/// past their call timeout — something real time never does — and fail them.
/// </summary>
public static class SettledClock
{
    private const int QuietChecks = 3;
    private static readonly TimeSpan QuietPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>Moves <paramref name="clock"/> forward by <paramref name="by"/>, timer by timer, waiting for the runtime to settle after each.</summary>
    public static Task AdvanceSettledAsync(this ManualTimeProvider clock, TimeSpan by, IGrainRuntimeStatistics runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.AdvanceSettledToAsync(clock.GetUtcNow() + by, runtime, cancellationToken);
    }

    /// <summary>Moves <paramref name="clock"/> to <paramref name="target"/>, timer by timer, waiting for the runtime to settle after each.</summary>
    public static async Task AdvanceSettledToAsync(this ManualTimeProvider clock, DateTimeOffset target, IGrainRuntimeStatistics runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(runtime);
        await WaitUntilQuietAsync(runtime, cancellationToken);
        while (clock.NextDue is { } due && due <= target)
        {
            var now = clock.GetUtcNow();
            clock.Advance(due > now ? due - now : TimeSpan.Zero);
            if (runtime.Snapshot().PendingCalls > 0)
            {
                await WaitUntilQuietAsync(runtime, cancellationToken);
            }
        }

        if (target > clock.GetUtcNow())
        {
            clock.Advance(target - clock.GetUtcNow());
        }
    }

    /// <summary>Waits until no grain call is in flight, three polls in a row (real time: the work runs on real threads).</summary>
    public static async Task WaitUntilQuietAsync(IGrainRuntimeStatistics runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        for (var quiet = 0; quiet < QuietChecks;)
        {
            await Task.Delay(QuietPoll, TimeProvider.System, cancellationToken);
            quiet = runtime.Snapshot().PendingCalls == 0 ? quiet + 1 : 0;
        }
    }
}
