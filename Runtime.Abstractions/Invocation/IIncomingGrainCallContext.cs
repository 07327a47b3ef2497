namespace Reroute.Runtime;

/// <summary>A call arriving at a grain, as an incoming filter sees it.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance being called.</summary>
    object Grain { get; }
}
