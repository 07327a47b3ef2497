using System.Collections.Immutable;
using System.Text;
using Reroute.Runtime.Serialization;
using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

/// <summary>Grain calls and replies as they cross a process: encoded, decoded, run, answered.</summary>
public sealed class GrainMessageCodecTests
{
    private static readonly ProbeSlot Slot = new("T002", new DateTimeOffset(2026, 1, 6, 9, 30, 0, TimeSpan.FromHours(-5)), TimeSpan.FromMinutes(45), ["ortho", "eval"]);

    [Fact]
    public void A_batch_joins_calls_as_lines_that_split_back_to_the_same_bytes_and_each_line_names_its_id()
    {
        var (proxy, calls) = Capture();
        _ = proxy.Book(Slot, 2, CancellationToken.None);
        var sent = Assert.Single(calls);
        sent.Request.Context = ImmutableDictionary<string, string>.Empty.Add(RequestContext.CorrelationIdKey, "line\nbreak in a value");
        var first = GrainMessageCodec.EncodeCall("m-1", sent.Target, sent.Request);
        var second = GrainMessageCodec.EncodeCall("m-2", sent.Target, sent.Request);

        var batch = GrainMessageBatch.Join([first, second]);
        var lines = GrainMessageBatch.Split(batch);

        Assert.Equal(2, lines.Count);
        Assert.Equal(first, lines[0].ToArray());
        Assert.Equal(second, lines[1].ToArray());
        Assert.Equal(["m-1", "m-2"], lines.Select(static l => GrainMessageBatch.MessageIdOf(l.Span)));
        Assert.Equal("line\nbreak in a value", GrainMessageCodec.DecodeCall(lines[1].Span).Request.Context![RequestContext.CorrelationIdKey]);
        Assert.Equal(first, GrainMessageBatch.Join([first]));
    }

    [Theory]
    [InlineData("{not json", null)]
    [InlineData("[1,2]", null)]
    [InlineData("""{"id":7}""", null)]
    [InlineData("""{"grainType":"T","request":{"id":"inner"},"id":"outer"}""", "outer")]
    [InlineData("""{"grainType":"T"}""", null)]
    public void The_id_of_a_line_is_read_only_from_its_own_top_level_id(string line, string? expected)
        => Assert.Equal(expected, GrainMessageBatch.MessageIdOf(Encoding.UTF8.GetBytes(line)));

    [Fact]
    public void Blank_lines_in_a_batch_are_skipped()
        => Assert.Equal(["{\"id\":\"a\"}", "{\"id\":\"b\"}"], GrainMessageBatch.Split(Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n\n \r\n{\"id\":\"b\"}\n")).Select(static l => Encoding.UTF8.GetString(l.Span)));

    [Fact]
    public async Task A_call_round_trips_with_its_arguments_context_and_call_chain_and_its_result_comes_back_typed()
    {
        var (proxy, calls) = Capture();
        var pending = proxy.Book(Slot, 2, CancellationToken.None);
        var sent = Assert.Single(calls);
        sent.Request.Context = ImmutableDictionary<string, string>.Empty.Add(RequestContext.CorrelationIdKey, "corr-9");
        sent.Request.CallChain = new CallChainLink(new GrainId("IWorkflow", "W-1"), "Run", 7, null);

        var bytes = GrainMessageCodec.EncodeCall("m-1", sent.Target, sent.Request);
        var received = GrainMessageCodec.DecodeCall(bytes);

        Assert.Equal("m-1", received.MessageId);
        Assert.Equal(sent.Target, received.Target);
        Assert.Equal("Book", received.Request.Method.Id);
        Assert.Equal(Slot.Start, ((ProbeSlot)received.Request.GetArgument(0)!).Start);
        Assert.Equal(Slot.Tags, ((ProbeSlot)received.Request.GetArgument(0)!).Tags);
        Assert.Equal(2, received.Request.GetArgument(1));
        Assert.Equal("corr-9", received.Request.Context![RequestContext.CorrelationIdKey]);
        Assert.Equal("IWorkflow/W-1.Run", received.Request.CallChain!.Describe());

        // The receiving silo runs it, answers, and the caller's task completes with the typed result.
        var finished = received.Request.Invoke(new ProbeImplementation());
        await finished;
        GrainMessageCodec.CompleteFromReply(sent.Request, GrainMessageCodec.EncodeReply("m-1", received.Request, finished));
        var booking = await pending;
        Assert.Equal(new ProbeBooking("B-T002-2", booking.Slot, 2), booking);
        Assert.Equal(Slot.Start, booking.Slot.Start);
    }

    [Fact]
    public async Task A_reply_readdressed_to_another_copy_of_its_call_names_that_copys_id_first_and_still_completes_the_caller_typed()
    {
        var (proxy, calls) = Capture();
        var pending = proxy.Book(Slot, 2, CancellationToken.None);
        var sent = Assert.Single(calls);
        var received = GrainMessageCodec.DecodeCall(GrainMessageCodec.EncodeCall("m-1", sent.Target, sent.Request));
        var finished = received.Request.Invoke(new ProbeImplementation());
        await finished;
        var reply = GrainMessageCodec.EncodeReply("first-caller", received.Request, finished);

        var readdressed = GrainMessageCodec.Readdress(reply, "retry \"2\"");

        Assert.Equal("retry \"2\"", GrainMessageBatch.MessageIdOf(readdressed));
        Assert.StartsWith("{\"id\":", Encoding.UTF8.GetString(readdressed), StringComparison.Ordinal);
        Assert.Single(GrainMessageBatch.Split(GrainMessageBatch.Join([readdressed, reply])), line => GrainMessageBatch.MessageIdOf(line.Span) == "first-caller");
        Assert.Same(reply, GrainMessageCodec.Readdress(reply, "first-caller"));
        GrainMessageCodec.CompleteFromReply(sent.Request, readdressed);
        var booking = await pending;
        Assert.Equal(new ProbeBooking("B-T002-2", booking.Slot, 2), booking);
        Assert.Equal(Slot.Tags, booking.Slot.Tags);

        var error = GrainMessageCodec.Readdress(GrainMessageCodec.EncodeErrorReply("first-caller", new InvalidOperationException("slot taken")), "retry-3");
        Assert.Equal("""{"id":"retry-3","errorType":"System.InvalidOperationException","errorMessage":"slot taken"}""", Encoding.UTF8.GetString(error));
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_with_its_type_and_message_across_processes()
    {
        var (proxy, calls) = Capture();
        var pending = proxy.Cancel("provider left");
        var received = GrainMessageCodec.DecodeCall(GrainMessageCodec.EncodeCall("m-2", calls[0].Target, calls[0].Request));
        var failed = received.Request.Invoke(new ProbeImplementation());

        GrainMessageCodec.CompleteFromReply(calls[0].Request, GrainMessageCodec.EncodeReply("m-2", received.Request, failed));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pending);
        Assert.Equal("cannot cancel: provider left", error.Message);
    }

    [Fact]
    public async Task An_exception_type_this_process_does_not_know_arrives_as_a_RemoteGrainException_naming_it()
    {
        var (proxy, calls) = Capture();
        var pending = proxy.Cancel("x");
        var reply = """{"id":"m-3","errorType":"Contoso.Billing.PayerRejectedException","errorMessage":"payer P-9 rejected"}""";

        GrainMessageCodec.CompleteFromReply(calls[0].Request, Encoding.UTF8.GetBytes(reply));

        var error = await Assert.ThrowsAsync<RemoteGrainException>(() => pending);
        Assert.Equal("Contoso.Billing.PayerRejectedException", error.ExceptionType);
        Assert.Equal("payer P-9 rejected", error.RemoteMessage);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("""{"id":"m","grainType":"Nope.IUnknown","grainKey":"k","method":"Book","request":{}}""", "not known to this silo")]
    [InlineData("""{"id":"m","grainType":"Reroute.Runtime.Tests.Grains.ICodecProbeGrain","grainKey":"k","method":"Explode","request":{}}""", "has no method 'Explode'")]
    [InlineData("""{"id":"m","grainType":"Reroute.Runtime.Tests.Grains.ICodecProbeGrain","grainKey":"k","method":"Book","request":{"arg1":"abc"}}""", "do not fit its parameters")]
    [InlineData("""{"id":"m","grainKey":"k","method":"Book","request":{}}""", "no 'grainType'")]
    public void A_malformed_call_is_refused_with_the_reason_for_the_dead_letter_queue(string message, string reason)
    {
        var error = Assert.Throws<GrainMessageFormatException>(() => GrainMessageCodec.DecodeCall(Encoding.UTF8.GetBytes(message)));
        Assert.Contains(reason, error.Message);
    }

    private static (ICodecProbeGrain Proxy, List<(GrainId Target, GrainRequest Request)> Calls) Capture()
    {
        var runtime = new CapturingRuntime();
        var descriptor = GrainInterfaceRegistry.Get(typeof(ICodecProbeGrain));
        var proxy = (ICodecProbeGrain)descriptor.CreateReference(runtime, new GrainId(typeof(ICodecProbeGrain).FullName!, "P-1"));
        return (proxy, runtime.Calls);
    }

    /// <summary>Stands in for the transport on the calling side: keeps the request and hands back its pending task.</summary>
    private sealed class CapturingRuntime : IGrainCallRuntime
    {
        public List<(GrainId Target, GrainRequest Request)> Calls { get; } = [];

        public Task Invoke(GrainReference target, GrainRequest request)
        {
            Calls.Add((target.GrainId, request));
            return request.CreateCompletion();
        }
    }

    /// <summary>The grain's behaviour without a runtime: what the receiving silo's activation would run.</summary>
    private sealed class ProbeImplementation : ICodecProbeGrain
    {
        public Task<ProbeBooking> Book(ProbeSlot slot, int attempt, CancellationToken cancellationToken)
            => Task.FromResult(new ProbeBooking($"B-{slot.ProviderId}-{attempt}", slot, attempt));

        public Task Cancel(string reason) => Task.FromException(new InvalidOperationException("cannot cancel: " + reason));
    }
}
