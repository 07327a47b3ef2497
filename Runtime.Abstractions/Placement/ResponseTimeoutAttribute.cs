namespace Reroute.Runtime;

/// <summary>Overrides the silo's call timeout for one interface method, e.g. <c>[ResponseTimeout("00:05:00")]</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    /// <summary>The timeout.</summary>
    public TimeSpan Timeout { get; } = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
}
