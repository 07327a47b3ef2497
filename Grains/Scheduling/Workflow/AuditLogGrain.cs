using System.Globalization;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>A page of a workflow's audit trail; see <see cref="IAuditLogGrain"/>.</summary>
public sealed class AuditLogGrain([PersistentState("audit")] IPersistentState<AuditLogState> state) : Grain, IAuditLogGrain
{
    /// <summary>The key of page <paramref name="page"/> of the workflow's trail.</summary>
    public static string KeyOf(string tenant, string workflowId, long page) =>
        SchedulingKeys.Of(tenant, workflowId + ".audit-" + page.ToString(CultureInfo.InvariantCulture));

    /// <summary>The page holding entry <paramref name="sequence"/> (sequences start at 1).</summary>
    public static long PageOf(long sequence, int pageSize) => (sequence - 1) / pageSize;

    /// <inheritdoc />
    public async Task Write(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var replaced = entries.Select(static e => e.Sequence).ToHashSet();
        await state.ReplaceAsync(new AuditLogState
        {
            Entries = [.. state.State.Entries.Where(e => !replaced.Contains(e.Sequence)).Concat(entries).OrderBy(static e => e.Sequence)],
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> Read() => Task.FromResult(state.State.Entries);
}
