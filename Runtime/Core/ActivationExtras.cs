using Reroute.Runtime.Streams;
using Reroute.Runtime.Timers;

namespace Reroute.Runtime.Core;

/// <summary>What only some activations have: timers, stream subscriptions. Kept apart so an idle activation stays small.</summary>
internal sealed class ActivationExtras
{
    public List<GrainTimer> Timers { get; } = [];

    public List<StreamSubscription> Subscriptions { get; } = [];
}
