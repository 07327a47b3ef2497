namespace Reroute.Runtime.Persistence;

/// <summary>A stored state record: its JSON and the version it was written as.</summary>
public sealed record StoredState(string Json, string Etag);
