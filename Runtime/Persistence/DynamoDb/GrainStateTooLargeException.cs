namespace Reroute.Runtime.Persistence.DynamoDb;

/// <summary>A state is larger than its store accepts; nothing was written.</summary>
public sealed class GrainStateTooLargeException(string message) : Exception(message);
