namespace Reroute.Runtime;

/// <summary>
/// A call that comes back to this grain along its own call chain (A → B → A) is refused with a
/// <see cref="DeadlockException"/> naming the cycle, instead of interleaving with the waiting request.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class DisallowCallChainReentrancyAttribute : Attribute;
