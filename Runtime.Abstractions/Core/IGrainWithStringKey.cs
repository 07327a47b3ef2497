namespace Reroute.Runtime;

/// <summary>A grain addressed by a string key, as Orleans' <c>IGrainWithStringKey</c>.</summary>
public interface IGrainWithStringKey : IGrain;
