namespace Reroute.Runtime.Core;

/// <summary>A runtime request that does not count as activity for idle collection (e.g. a timer tick).</summary>
internal interface IQuietRequest;
