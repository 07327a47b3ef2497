namespace Reroute.Runtime;

/// <summary>Runs around every call a grain of this silo receives (tracing, metrics, audit, authorization).</summary>
public interface IIncomingGrainCallFilter
{
    /// <summary>Handles the call; call <see cref="IGrainCallContext.Invoke"/> to continue it.</summary>
    Task Invoke(IIncomingGrainCallContext context);
}
