using System.ComponentModel;

namespace Reroute.Runtime;

/// <summary>What a grain reference calls to send a request; implemented by the silo runtime and by cluster clients.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainCallRuntime
{
    /// <summary>
    /// Sends <paramref name="request"/> to the grain behind <paramref name="target"/>. The returned task is a
    /// <c>Task&lt;TResult&gt;</c> of the request's result type (or a plain task for methods without a result).
    /// </summary>
    Task Invoke(GrainReference target, GrainRequest request);
}
