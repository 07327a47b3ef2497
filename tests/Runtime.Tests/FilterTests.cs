using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

public sealed class FilterTests
{
    [Fact]
    public async Task Incoming_and_outgoing_filters_see_each_call_its_arguments_and_result()
    {
        var log = new ConcurrentQueue<string>();
        await using var silo = await Silos.Start(configure: o => o.ConfigureServices = services =>
        {
            services.AddSingleton<IIncomingGrainCallFilter>(new RecordingIncoming(log));
            services.AddSingleton<IOutgoingGrainCallFilter>(new RecordingOutgoing(log));
        });
        var key = Silos.Key();

        var result = await silo.GrainFactory.GetGrain<IChainGrain>(key).Start("x", key);

        Assert.Equal("via x: leaf " + key, result);
        Assert.Equal(
        [
            "out IChainGrain.Start(x," + key + ")", "in IChainGrain.Start(x," + key + ")",
            "out IChainGrain.Middle(" + key + ")", "in IChainGrain.Middle(" + key + ")",
            "out IChainGrain.Leaf()", "in IChainGrain.Leaf()",
            "in-result IChainGrain.Leaf=leaf " + key,
            "out-result IChainGrain.Leaf=leaf " + key,
            "in-result IChainGrain.Middle=via x: leaf " + key,
            "out-result IChainGrain.Middle=via x: leaf " + key,
            "in-result IChainGrain.Start=via x: leaf " + key,
            "out-result IChainGrain.Start=via x: leaf " + key,
        ], log);
    }

    private static string Describe(IGrainCallContext context)
        => $"{context.Method.DisplayName}({string.Join(",", Enumerable.Range(0, context.Request.ArgumentCount).Select(context.Request.GetArgument))})";

    private sealed class RecordingIncoming(ConcurrentQueue<string> log) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            log.Enqueue("in " + Describe(context));
            await context.Invoke();
            log.Enqueue($"in-result {context.Method.DisplayName}={context.Result}");
        }
    }

    private sealed class RecordingOutgoing(ConcurrentQueue<string> log) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IGrainCallContext context)
        {
            log.Enqueue("out " + Describe(context));
            await context.Invoke();
            log.Enqueue($"out-result {context.Method.DisplayName}={context.Result}");
        }
    }
}
