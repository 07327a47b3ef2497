using System.Text.Json;

namespace Reroute.Runtime.Serialization;

/// <summary>
/// Several calls (or replies) in one broker message, as JSON lines: each line is one message exactly as
/// <see cref="GrainMessageCodec"/> writes it alone (compact JSON has no raw line breaks), so a batch stays readable in
/// the broker's console and any line can be dead-lettered or answered on its own.
/// </summary>
public static class GrainMessageBatch
{
    /// <summary>The content type of a batch; a message with any other is one call or reply.</summary>
    public const string ContentType = "application/x-ndjson";

    private const byte LineBreak = (byte)'\n';

    /// <summary>Joins messages into one batch body.</summary>
    public static byte[] Join(IReadOnlyList<byte[]> messages) => Join(messages, static m => m);

    /// <summary>Joins the messages of <paramref name="items"/> (read with <paramref name="messageOf"/>) into one batch body.</summary>
    public static byte[] Join<T>(IReadOnlyList<T> items, Func<T, byte[]> messageOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(messageOf);
        var length = 0;
        foreach (var item in items)
        {
            length += messageOf(item).Length + 1;
        }

        var body = new byte[Math.Max(0, length - 1)];
        var at = 0;
        foreach (var item in items)
        {
            if (at > 0)
            {
                body[at++] = LineBreak;
            }

            var message = messageOf(item);
            message.CopyTo(body, at);
            at += message.Length;
        }

        return body;
    }

    /// <summary>
    /// What one broker message carrying the messages of <paramref name="items"/> holds: a single message as itself (so a
    /// lone call looks as it always did), several as a batch. Read through <paramref name="messageOf"/> so that a lone
    /// message, the usual case at light load, costs no list of its own.
    /// </summary>
    public static (string ContentType, byte[] Body) Pack<T>(IReadOnlyList<T> items, Func<T, byte[]> messageOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(messageOf);
        return items.Count == 1 ? (GrainMessageCodec.ContentType, messageOf(items[0])) : (ContentType, Join(items, messageOf));
    }

    /// <summary>The messages of a batch body, blank lines skipped.</summary>
    public static List<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> body)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var rest = body;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf(LineBreak);
            var line = end < 0 ? rest : rest[..end];
            if (!line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                lines.Add(line);
            }

            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
        }

        return lines;
    }

    /// <summary>
    /// The <c>id</c> of a call or reply, read without decoding the rest (the codec writes it first); null when the bytes
    /// are not a JSON object with a string id.
    /// </summary>
    public static string? MessageIdOf(ReadOnlySpan<byte> message)
    {
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals(GrainMessageCodec.IdField);
                if (!reader.Read())
                {
                    return null;
                }

                if (isId)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed: no id to answer under.
        }

        return null;
    }
}
