namespace Reroute.Client;

/// <summary>A snapshot of the silo's grain runtime counts.</summary>
/// <param name="Activations">Live activations (stateless workers counted one by one).</param>
/// <param name="PendingCalls">Calls waiting for a grain (queued or in an await).</param>
/// <param name="Reminders">Durable reminders held by the silo.</param>
/// <param name="StorageProvider">The silo's default storage provider, e.g. <c>sqlite</c>.</param>
public sealed record GrainRuntimeStatistics(int Activations, int PendingCalls, int Reminders, string StorageProvider);
