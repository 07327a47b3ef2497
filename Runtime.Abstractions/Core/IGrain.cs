namespace Reroute.Runtime;

/// <summary>Marker for every grain interface: a virtual actor addressed by identity, activated on first call.</summary>
public interface IGrain;
