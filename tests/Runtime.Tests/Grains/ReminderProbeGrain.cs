using Microsoft.Extensions.Options;
using Reroute.Runtime.Cluster;

namespace Reroute.Runtime.Tests.Grains;

public sealed class ReminderProbeGrain(
    [PersistentState("probe")] IPersistentState<ReminderProbeState> state,
    IOptions<ClusterOptions> cluster) : Grain, IReminderProbeGrain, IRemindable
{
    // Idempotent, as a command must be under at-least-once delivery: a silo killed after answering Arm but before its
    // acknowledgement reached the broker leaves the request to the next owner, and arming again there would move the
    // reminder's due time and fire it a second time.
    public async Task Arm(TimeSpan due, TimeSpan period)
    {
        if (await GetReminder("probe") is null)
        {
            await RegisterOrUpdateReminder("probe", due, period);
        }
    }

    public Task<IReadOnlyList<string>> Firings() => Task.FromResult<IReadOnlyList<string>>([.. state.State.FiredOn]);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.FiredOn.Add(cluster.Value.SiloId ?? "embedded");
        await state.WriteStateAsync();
    }
}
