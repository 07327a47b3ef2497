using System.Buffers;
using System.Reflection;
using System.Text.Json;

namespace Reroute.Runtime.Serialization;

/// <summary>
/// Grain calls and their replies as UTF-8 JSON, for calls that cross a process. A call names its grain, method id and
/// message id and carries the generated request object (arguments, request context, call chain); a reply carries the
/// result in the method's result type, or the exception's type and message. Anything malformed becomes a
/// <see cref="GrainMessageFormatException"/> saying what is wrong, never a crash of the consumer.
/// </summary>
public static class GrainMessageCodec
{
    /// <summary>The content type of one call or reply.</summary>
    public const string ContentType = "application/json";

    /// <summary>The field every call and reply writes first: its message (or correlation) id.</summary>
    internal const string IdField = "id";
    private const string GrainTypeField = "grainType";
    private const string GrainKeyField = "grainKey";
    private const string MethodField = "method";
    private const string RequestField = "request";
    private const string ResultField = "result";
    private const string ErrorTypeField = "errorType";
    private const string ErrorMessageField = "errorMessage";
    private const int InitialBufferBytes = 512;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = RuntimeJson.Options.Encoder };

    /// <summary>Encodes a call to <paramref name="target"/>.</summary>
    public static byte[] EncodeCall(string messageId, GrainId target, GrainRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(request);
        return Write(writer =>
        {
            writer.WriteString(IdField, messageId);
            writer.WriteString(GrainTypeField, target.Type);
            writer.WriteString(GrainKeyField, target.Key);
            writer.WriteString(MethodField, request.Method.Id);
            writer.WritePropertyName(RequestField);
            JsonSerializer.Serialize(writer, request, request.GetType(), RuntimeJson.Options);
        });
    }

    /// <summary>Decodes a call; the grain interface must be known to this process.</summary>
    /// <exception cref="GrainMessageFormatException">The bytes are not a call this process can run, with the reason.</exception>
    public static GrainCallMessage DecodeCall(ReadOnlySpan<byte> utf8)
    {
        var message = Envelope.Read(utf8);
        var id = message.Text(IdField);
        var target = new GrainId(message.Text(GrainTypeField), message.Text(GrainKeyField));
        var methodId = message.Text(MethodField);
        var descriptor = GrainInterfaceRegistry.Find(target.Type)
            ?? throw new GrainMessageFormatException($"Message {id}: grain type '{target.Type}' is not known to this silo.");
        var method = descriptor.Methods.FirstOrDefault(m => m.Method.Id == methodId)
            ?? throw new GrainMessageFormatException($"Message {id}: {target.Type} has no method '{methodId}'.");
        if (message.Request is not { Kind: JsonTokenType.StartObject } body)
        {
            throw new GrainMessageFormatException($"Message {id}: the request of {method.Method.DisplayName} is missing.");
        }

        try
        {
            var request = (GrainRequest?)JsonSerializer.Deserialize(utf8.Slice(body.Start, body.Length), method.RequestType, RuntimeJson.Options)
                ?? throw new GrainMessageFormatException($"Message {id}: the request of {method.Method.DisplayName} is null.");
            return new GrainCallMessage(id, target, request);
        }
        catch (JsonException exception)
        {
            throw new GrainMessageFormatException($"Message {id}: the arguments of {method.Method.DisplayName} do not fit its parameters ({exception.Message}).", exception);
        }
    }

    /// <summary>Encodes the reply to a call from the grain method's finished task.</summary>
    public static byte[] EncodeReply(string messageId, GrainRequest request, Task finished)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(finished);
        if (!finished.IsCompletedSuccessfully)
        {
            return EncodeErrorReply(messageId, finished.Exception?.InnerException ?? new TaskCanceledException("The call was cancelled."));
        }

        var result = request.GetResult(finished);
        return Write(writer =>
        {
            writer.WriteString(IdField, messageId);
            writer.WritePropertyName(ResultField);
            if (result is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, result, result.GetType(), RuntimeJson.Options);
            }
        });
    }

    /// <summary>Encodes an error reply to a call that could not even be decoded (so its request type is unknown).</summary>
    public static byte[] EncodeErrorReply(string messageId, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Write(writer =>
        {
            writer.WriteString(IdField, messageId);
            writer.WriteString(ErrorTypeField, exception.GetType().FullName);
            writer.WriteString(ErrorMessageField, exception.Message);
        });
    }

    /// <summary>
    /// The same reply under <paramref name="messageId"/>: a copy of a call answered from the de-duplication memory goes
    /// to whoever sent that copy, who may match it by another correlation id than the first copy's sender did (a batch of
    /// replies carries only the id in each body). The other fields are copied as they are.
    /// </summary>
    public static byte[] Readdress(byte[] reply, string messageId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (GrainMessageBatch.MessageIdOf(reply) == messageId)
        {
            return reply;
        }

        return Write(writer =>
        {
            writer.WriteString(IdField, messageId);
            var reader = new Utf8JsonReader(reply);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals(IdField);
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (!isId)
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(reply.AsSpan(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
                }
            }
        });
    }

    /// <summary>Completes the caller's task of <paramref name="request"/> from a reply.</summary>
    /// <exception cref="GrainMessageFormatException">The reply is malformed; the caller's task is failed with it too.</exception>
    public static void CompleteFromReply(GrainRequest request, ReadOnlySpan<byte> utf8)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.CreateCompletion();
        try
        {
            var reply = Envelope.Read(utf8);
            if (reply.ErrorType is { } errorType)
            {
                request.TryFail(Recreate(errorType, reply.ErrorMessage ?? string.Empty));
                return;
            }

            var resultType = ResultTypeOf(request);
            var result = reply.Result is { Kind: not JsonTokenType.Null } value && resultType != typeof(object)
                ? JsonSerializer.Deserialize(utf8.Slice(value.Start, value.Length), resultType, RuntimeJson.Options)
                : null;
            request.CompleteWithResult(result);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or GrainMessageFormatException)
        {
            var error = exception as GrainMessageFormatException ?? new GrainMessageFormatException($"The reply to {request.Method.DisplayName} is malformed: {exception.Message}", exception);
            request.TryFail(error);
            throw error;
        }
    }

    private static Type ResultTypeOf(GrainRequest request)
    {
        var descriptor = GrainInterfaceRegistry.Find(request.Method.InterfaceName);
        return descriptor?.Methods.FirstOrDefault(m => m.Method.Id == request.Method.Id)?.ResultType ?? typeof(object);
    }

    /// <summary>The grain's exception again where this process knows its type and it takes a message; else a stand-in that names it.</summary>
    private static Exception Recreate(string typeName, string message)
    {
        var type = Type.GetType(typeName) ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(static t => t is not null);
        if (type is not null && typeof(Exception).IsAssignableFrom(type) && type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]) is { } constructor)
        {
            return (Exception)constructor.Invoke([message]);
        }

        return new RemoteGrainException(typeName, message);
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(InitialBufferBytes);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Where a value sits in the message, and what kind of token starts it.</summary>
    private readonly record struct Slice(int Start, int Length, JsonTokenType Kind);

    /// <summary>
    /// The top level of a call or a reply, read in one pass without building a document: its text fields, and where the
    /// request or result is, to be deserialized straight from the bytes into its own type.
    /// </summary>
    private sealed class Envelope
    {
        private readonly Dictionary<string, string?> _texts = new(StringComparer.Ordinal);

        public Slice? Request { get; private set; }

        public Slice? Result { get; private set; }

        public string? ErrorType => _texts.GetValueOrDefault(ErrorTypeField);

        public string? ErrorMessage => _texts.GetValueOrDefault(ErrorMessageField);

        public static Envelope Read(ReadOnlySpan<byte> utf8)
        {
            var envelope = new Envelope();
            try
            {
                var reader = new Utf8JsonReader(utf8);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new GrainMessageFormatException("The message is not a JSON object.");
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    var kind = reader.TokenType;
                    if (kind == JsonTokenType.String)
                    {
                        envelope._texts[name] = reader.GetString();
                    }

                    reader.Skip();
                    var slice = new Slice(start, (int)reader.BytesConsumed - start, kind);
                    if (name == RequestField)
                    {
                        envelope.Request = slice;
                    }
                    else if (name == ResultField)
                    {
                        envelope.Result = slice;
                    }
                    else if (name == ErrorTypeField && kind != JsonTokenType.String)
                    {
                        throw new GrainMessageFormatException($"The message's '{ErrorTypeField}' is not text.");
                    }
                }

                // Anything after the object is refused, as a document parser would.
                if (reader.Read())
                {
                    throw new GrainMessageFormatException("The message has more than one JSON value.");
                }
            }
            catch (JsonException exception)
            {
                throw new GrainMessageFormatException($"The message is not valid JSON: {exception.Message}", exception);
            }

            return envelope;
        }

        public string Text(string field)
            => _texts.GetValueOrDefault(field) is { Length: > 0 } text
                ? text
                : throw new GrainMessageFormatException($"The message has no '{field}'.");
    }
}
