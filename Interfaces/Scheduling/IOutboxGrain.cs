namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// The outbox of one patient of one tenant (key <c>{tenant}/{patientId}</c>): every outbound message to the patient,
/// whatever its channel, with its delivery status.
/// </summary>
public interface IOutboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the message as pending. Enqueueing a message id already stored returns the stored message unchanged, so a
    /// retried request never sends twice.
    /// </summary>
    Task<OutboundMessage> Enqueue(OutboundMessage message);

    /// <summary>The message with the id; null when there is none.</summary>
    [ReadOnly]
    Task<OutboundMessage?> Get(string messageId);

    /// <summary>At most <paramref name="limit"/> messages, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<OutboundMessage>> List(int limit);

    /// <summary>Records a delivery the channel accepted.</summary>
    Task<OutboundMessage> MarkSent(string messageId);

    /// <summary>Records a delivery attempt that failed, with the reason.</summary>
    Task<OutboundMessage> MarkFailed(string messageId, string error);
}
