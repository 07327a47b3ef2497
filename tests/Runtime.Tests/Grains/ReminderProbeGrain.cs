using Microsoft.Extensions.Options;
using Reroute.Runtime.Cluster;

namespace Reroute.Runtime.Tests.Grains;

public sealed class ReminderProbeGrain(
    [PersistentState("probe")] IPersistentState<ReminderProbeState> state,
    IOptions<ClusterOptions> cluster) : Grain, IReminderProbeGrain, IRemindable
{
    public async Task Arm(TimeSpan due, TimeSpan period) => await RegisterOrUpdateReminder("probe", due, period);

    public Task<IReadOnlyList<string>> Firings() => Task.FromResult<IReadOnlyList<string>>([.. state.State.FiredOn]);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.FiredOn.Add(cluster.Value.SiloId ?? "embedded");
        await state.WriteStateAsync();
    }
}
