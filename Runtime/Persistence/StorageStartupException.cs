namespace Reroute.Runtime.Persistence;

/// <summary>The store cannot be opened safely; the silo refuses to start rather than risk the data.</summary>
public sealed class StorageStartupException(string message, Exception? inner = null) : Exception(message, inner);
