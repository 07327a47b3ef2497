using System.Collections;

namespace Reroute.Silo.Hosting;

/// <summary>
/// A logging scope of named values. Loggers that understand structured scopes (the JSON console) log each pair as a
/// property; the others get a readable <c>Key:Value</c> text instead of a type name.
/// </summary>
internal sealed class LogScope(IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(" ", values.Select(pair => $"{pair.Key}:{pair.Value}"));
}
