namespace Reroute.Runtime.Hosting;

/// <summary>A snapshot of the runtime's counts, for the operator API and the dashboard.</summary>
/// <param name="Activations">Live activations (stateless workers counted one by one).</param>
/// <param name="PendingCalls">Calls waiting for a grain (queued or in an await).</param>
/// <param name="Reminders">Durable reminders held by this silo.</param>
/// <param name="StorageProvider">The default storage provider.</param>
public sealed record GrainRuntimeStatistics(int Activations, int PendingCalls, int Reminders, string StorageProvider);
