namespace Reroute.Runtime;

/// <summary>A call as a filter sees it.</summary>
public interface IGrainCallContext
{
    /// <summary>The grain called.</summary>
    GrainId TargetId { get; }

    /// <summary>The method called.</summary>
    GrainMethod Method { get; }

    /// <summary>The request, with its arguments.</summary>
    GrainRequest Request { get; }

    /// <summary>The result once <see cref="Invoke"/> has completed (boxed), or null.</summary>
    object? Result { get; }

    /// <summary>Calls the next filter, or the grain.</summary>
    Task Invoke();
}
