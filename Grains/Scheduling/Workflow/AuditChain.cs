using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// The hash chain of a workflow's audit trail: each entry's hash is SHA-256 over the previous hash and the entry's
/// fields (each length-prefixed, so no two different entries hash alike), so changing, removing or reordering an entry
/// breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The entry that follows <paramref name="trail"/>.</summary>
    public static AuditEntry Next(
        IReadOnlyList<AuditEntry> trail, DateTimeOffset at, WorkflowStage stage, string eventName, string? appointmentId, string detail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        var previous = trail.Count == 0 ? Genesis : trail[^1].Hash;
        var sequence = trail.Count == 0 ? 1 : trail[^1].Sequence + 1;
        return new AuditEntry
        {
            Sequence = sequence,
            At = at,
            Stage = stage,
            Event = eventName,
            AppointmentId = appointmentId,
            Detail = detail,
            PreviousHash = previous,
            Hash = HashOf(sequence, at, stage, eventName, appointmentId, detail, previous),
        };
    }

    /// <summary>Whether every entry links to the one before and its hash matches its fields.</summary>
    public static bool Verify(IReadOnlyList<AuditEntry> trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        var previous = Genesis;
        for (var i = 0; i < trail.Count; i++)
        {
            var entry = trail[i];
            if (entry.Sequence != i + 1 || entry.PreviousHash != previous
                || entry.Hash != HashOf(entry.Sequence, entry.At, entry.Stage, entry.Event, entry.AppointmentId, entry.Detail, entry.PreviousHash))
            {
                return false;
            }

            previous = entry.Hash;
        }

        return true;
    }

    private static string HashOf(
        long sequence, DateTimeOffset at, WorkflowStage stage, string eventName, string? appointmentId, string detail, string previous)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            sequence.ToString(CultureInfo.InvariantCulture), at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            ((int)stage).ToString(CultureInfo.InvariantCulture), eventName, appointmentId ?? "\0", detail, previous,
        })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
