namespace Reroute.Runtime.Cluster;

/// <summary>A call published to another partition and waiting for its reply; kept to publish it again after a reconnection.</summary>
internal sealed record OutgoingCall(string MessageId, GrainId Target, GrainRequest Request, int Partition, byte[] Body);
