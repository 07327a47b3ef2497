namespace Reroute.Runtime.Hosting;

/// <summary>Where the silo's runtime is in its life; <c>/ready</c> answers from here.</summary>
public sealed class SiloStatus
{
    private volatile string _stage = "starting";
    private volatile bool _ready;

    /// <summary>Whether the runtime takes calls.</summary>
    public bool IsReady => _ready;

    /// <summary>A short word on the current stage, or why the silo is not ready.</summary>
    public string Stage => _stage;

    /// <summary>When the runtime became ready.</summary>
    public DateTimeOffset? ReadySince { get; private set; }

    internal void Ready(DateTimeOffset at)
    {
        ReadySince = at;
        _stage = "ready";
        _ready = true;
    }

    internal void NotReady(string stage)
    {
        _ready = false;
        _stage = stage;
    }
}
