using System.Globalization;

namespace Reroute.Silo.Cli;

/// <summary>
/// Reads a duration as a TimeSpan with colons (<c>08:00:00</c>, <c>1.00:00:00</c>) or as a number and unit (<c>90s</c>,
/// <c>30m</c>, <c>8h</c>, <c>7d</c>); a bare number has no unit and is refused.
/// </summary>
internal static class DurationParser
{
    /// <summary>Parses <paramref name="text"/>; false when it is neither form.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();

        // A bare number would read as days ("8" = 8 days): the TimeSpan form needs its colons, the short form its unit.
        if (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
        {
            return true;
        }

        Func<double, TimeSpan>? unit = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds,
            'm' => TimeSpan.FromMinutes,
            'h' => TimeSpan.FromHours,
            'd' => TimeSpan.FromDays,
            _ => null,
        };
        if (unit is null || !double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !double.IsFinite(amount))
        {
            return false;
        }

        try
        {
            duration = unit(amount);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
