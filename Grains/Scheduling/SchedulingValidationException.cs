namespace Reroute.Grains.Scheduling;

/// <summary>A scheduling record was refused because fields failed validation; nothing was changed.</summary>
public sealed class SchedulingValidationException : ArgumentException
{
    /// <summary>Creates the exception; the message lists the fields that failed.</summary>
    public SchedulingValidationException(string what, IReadOnlyDictionary<string, string[]> errors)
        : base($"Invalid {what}: {string.Join("; ", (errors ?? throw new ArgumentNullException(nameof(errors))).Select(static e => $"{e.Key} {string.Join(" ", e.Value)}"))}")
    {
        Errors = errors;
    }

    /// <summary>The failures, field by field.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
