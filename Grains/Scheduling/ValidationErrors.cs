namespace Reroute.Grains.Scheduling;

/// <summary>Collects validation failures by field (a camelCase JSON path such as <c>location.latitude</c>).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether nothing failed.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Records that <paramref name="field"/> failed with <paramref name="message"/>.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Records the failure unless <paramref name="condition"/> holds.</summary>
    public void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }
    }

    /// <summary>Records a failure unless <paramref name="id"/> is a FHIR id.</summary>
    public void RequireId(string? id, string field) =>
        Require(SchedulingKeys.IsValidId(id), field, "must be 1 to 64 letters, digits, '-' or '.'.");

    /// <summary>Records a failure unless <paramref name="range"/> starts before it ends.</summary>
    public void RequireOrdered(DateTimeOffset start, DateTimeOffset end, string field) =>
        Require(start < end, field, "must start before it ends.");

    /// <summary>The failures, field by field.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(static e => e.Key, static e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Throws <see cref="SchedulingValidationException"/> when anything failed.</summary>
    public void ThrowIfAny(string what)
    {
        if (!IsEmpty)
        {
            throw new SchedulingValidationException(what, ToDictionary());
        }
    }
}
