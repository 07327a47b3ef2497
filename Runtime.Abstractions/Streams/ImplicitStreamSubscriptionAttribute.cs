namespace Reroute.Runtime;

/// <summary>
/// The grain is activated for every item published on a stream of this namespace whose key equals the grain's key;
/// it subscribes its handler in <c>OnActivateAsync</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    /// <summary>The stream namespace.</summary>
    public string Namespace { get; } = streamNamespace;
}
