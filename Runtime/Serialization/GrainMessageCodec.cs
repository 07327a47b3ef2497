using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    private const string IdField = "id";
    private const string GrainTypeField = "grainType";
    private const string GrainKeyField = "grainKey";
    private const string MethodField = "method";
    private const string RequestField = "request";
    private const string ResultField = "result";
    private const string ErrorTypeField = "errorType";
    private const string ErrorMessageField = "errorMessage";

    /// <summary>Encodes a call to <paramref name="target"/>.</summary>
    public static byte[] EncodeCall(string messageId, GrainId target, GrainRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(request);
        var message = new JsonObject
        {
            [IdField] = messageId,
            [GrainTypeField] = target.Type,
            [GrainKeyField] = target.Key,
            [MethodField] = request.Method.Id,
            [RequestField] = JsonSerializer.SerializeToNode(request, request.GetType(), RuntimeJson.Options),
        };
        return JsonSerializer.SerializeToUtf8Bytes(message, RuntimeJson.Options);
    }

    /// <summary>Decodes a call; the grain interface must be known to this process.</summary>
    /// <exception cref="GrainMessageFormatException">The bytes are not a call this process can run, with the reason.</exception>
    public static GrainCallMessage DecodeCall(ReadOnlySpan<byte> utf8)
    {
        var message = Parse(utf8);
        var id = Text(message, IdField);
        var target = new GrainId(Text(message, GrainTypeField), Text(message, GrainKeyField));
        var methodId = Text(message, MethodField);
        var descriptor = GrainInterfaceRegistry.Find(target.Type)
            ?? throw new GrainMessageFormatException($"Message {id}: grain type '{target.Type}' is not known to this silo.");
        var method = descriptor.Methods.FirstOrDefault(m => m.Method.Id == methodId)
            ?? throw new GrainMessageFormatException($"Message {id}: {target.Type} has no method '{methodId}'.");
        if (message[RequestField] is not JsonObject body)
        {
            throw new GrainMessageFormatException($"Message {id}: the request of {method.Method.DisplayName} is missing.");
        }

        try
        {
            var request = (GrainRequest?)body.Deserialize(method.RequestType, RuntimeJson.Options)
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
        var reply = new JsonObject { [IdField] = messageId };
        if (finished.IsCompletedSuccessfully)
        {
            var result = request.GetResult(finished);
            reply[ResultField] = result is null ? null : JsonSerializer.SerializeToNode(result, result.GetType(), RuntimeJson.Options);
        }
        else
        {
            var exception = finished.Exception?.InnerException ?? new TaskCanceledException("The call was cancelled.");
            reply[ErrorTypeField] = exception.GetType().FullName;
            reply[ErrorMessageField] = exception.Message;
        }

        return JsonSerializer.SerializeToUtf8Bytes(reply, RuntimeJson.Options);
    }

    /// <summary>Encodes an error reply to a call that could not even be decoded (so its request type is unknown).</summary>
    public static byte[] EncodeErrorReply(string messageId, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var reply = new JsonObject
        {
            [IdField] = messageId,
            [ErrorTypeField] = exception.GetType().FullName,
            [ErrorMessageField] = exception.Message,
        };
        return JsonSerializer.SerializeToUtf8Bytes(reply, RuntimeJson.Options);
    }

    /// <summary>Completes the caller's task of <paramref name="request"/> from a reply.</summary>
    /// <exception cref="GrainMessageFormatException">The reply is malformed; the caller's task is failed with it too.</exception>
    public static void CompleteFromReply(GrainRequest request, ReadOnlySpan<byte> utf8)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.CreateCompletion();
        try
        {
            var reply = Parse(utf8);
            if (reply[ErrorTypeField] is JsonValue errorType)
            {
                request.TryFail(Recreate(errorType.GetValue<string>(), reply[ErrorMessageField]?.GetValue<string>() ?? string.Empty));
                return;
            }

            var resultType = ResultTypeOf(request);
            var result = reply[ResultField] is { } node && resultType != typeof(object)
                ? node.Deserialize(resultType, RuntimeJson.Options)
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

    private static JsonObject Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject ?? throw new GrainMessageFormatException("The message is not a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new GrainMessageFormatException($"The message is not valid JSON: {exception.Message}", exception);
        }
    }

    private static string Text(JsonObject message, string field)
        => message[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new GrainMessageFormatException($"The message has no '{field}'.");
}
