namespace Reroute.Runtime.Core;

/// <summary>
/// The activation and request the current code runs for. Flows with awaits, so outgoing calls know their caller
/// (for the call chain) and the runtime knows whether a call comes from inside a grain.
/// </summary>
internal sealed class CallScope(Activation activation, CallChainLink link)
{
    private static readonly AsyncLocal<CallScope?> s_current = new();

    public static CallScope? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    public Activation Activation { get; } = activation;

    /// <summary>The chain an outgoing call carries: this request, then everything waiting on it.</summary>
    public CallChainLink Link { get; } = link;
}
