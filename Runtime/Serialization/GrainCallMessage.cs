namespace Reroute.Runtime.Serialization;

/// <summary>A decoded grain call: who it is for, the request with its envelope, and the id used for de-duplication.</summary>
public sealed record GrainCallMessage(string MessageId, GrainId Target, GrainRequest Request);
