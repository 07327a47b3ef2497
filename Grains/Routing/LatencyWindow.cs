using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// One node's (or tier's) latencies: counts, an EWMA of latency and of errors, and a ring of the most recent latencies
/// for percentiles and the robust z-score. Soft state: a restarted monitor starts a new window.
/// </summary>
public sealed class LatencyWindow(int size, double alpha)
{
    private readonly double[] _ring = new double[size];
    private int _next;
    private int _filled;

    /// <summary>Observations.</summary>
    public long Count { get; private set; }

    /// <summary>Failed observations.</summary>
    public long Errors { get; private set; }

    /// <summary>EWMA latency, in milliseconds.</summary>
    public double EwmaMs { get; private set; }

    /// <summary>EWMA error rate, 0..1.</summary>
    public double ErrorRate { get; private set; }

    /// <summary>Latencies in the window now.</summary>
    public int Filled => _filled;

    /// <summary>The window's latencies, sorted.</summary>
    public double[] Sorted()
    {
        var copy = _ring.AsSpan(0, _filled).ToArray();
        Array.Sort(copy);
        return copy;
    }

    /// <summary>Adds one observation.</summary>
    public void Add(double latencyMs, bool succeeded)
    {
        EwmaMs = Count == 0 ? latencyMs : EwmaMs + (alpha * (latencyMs - EwmaMs));
        ErrorRate += alpha * ((succeeded ? 0 : 1) - ErrorRate);
        Count++;
        Errors += succeeded ? 0 : 1;
        _ring[_next] = latencyMs;
        _next = (_next + 1) % _ring.Length;
        _filled = Math.Min(_filled + 1, _ring.Length);
    }

    /// <summary>The stats under <paramref name="key"/>.</summary>
    public LatencyStats Stats(string key)
    {
        var sorted = Sorted();
        return new LatencyStats
        {
            Key = key,
            Count = Count,
            Errors = Errors,
            ErrorRate = ErrorRate,
            EwmaMs = EwmaMs,
            P50Ms = RobustStats.Percentile(sorted, 0.50),
            P95Ms = RobustStats.Percentile(sorted, 0.95),
            P99Ms = RobustStats.Percentile(sorted, 0.99),
        };
    }
}
