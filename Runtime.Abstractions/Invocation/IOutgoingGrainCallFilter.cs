namespace Reroute.Runtime;

/// <summary>Runs around every call made through a grain reference of this process.</summary>
public interface IOutgoingGrainCallFilter
{
    /// <summary>Handles the call; call <see cref="IGrainCallContext.Invoke"/> to continue it.</summary>
    Task Invoke(IGrainCallContext context);
}
