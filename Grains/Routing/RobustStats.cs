namespace Reroute.Grains.Routing;

/// <summary>
/// Order statistics for the monitor: nearest-rank percentiles, the median and the median absolute deviation, and the
/// robust z-score built from them, which one outlier cannot drag the way it drags a mean and standard deviation.
/// </summary>
public static class RobustStats
{
    /// <summary>Scales the MAD to a standard deviation for normal data (Iglewicz and Hoaglin).</summary>
    public const double MadScale = 0.6745;

    /// <summary>The nearest-rank percentile (<paramref name="q"/> in 0..1) of sorted values; 0 when empty.</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(Math.Clamp(q, 0, 1) * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The median of sorted values (the mean of the middle two for an even count); 0 when empty.</summary>
    public static double Median(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The median absolute deviation from <paramref name="median"/>.</summary>
    public static double MedianAbsoluteDeviation(ReadOnlySpan<double> values, double median)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        var deviations = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            deviations[i] = Math.Abs(values[i] - median);
        }

        Array.Sort(deviations);
        return Median(deviations);
    }

    /// <summary>
    /// The robust z-score of <paramref name="value"/>: <see cref="MadScale"/> × (value − median) / MAD, with the MAD
    /// floored at <paramref name="madFloor"/> so that a window of identical values does not make every change infinite.
    /// </summary>
    public static double RobustZ(double value, double median, double mad, double madFloor) =>
        MadScale * (value - median) / Math.Max(mad, madFloor);
}
