using Microsoft.Extensions.DependencyInjection;
using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

public sealed class StreamTests
{
    [Fact]
    public async Task Stream_items_reach_every_subscriber_in_publish_order()
    {
        await using var silo = await Silos.Start();
        var streamKey = Silos.Key("stream");
        var subscribers = new[] { Silos.Key("sub"), Silos.Key("sub"), Silos.Key("sub") };
        foreach (var subscriber in subscribers)
        {
            await silo.GrainFactory.GetGrain<IStreamSubscriberGrain>(subscriber).Subscribe(streamKey, 200);
        }

        var stream = silo.Services.GetRequiredService<IStreamProvider>().GetStream<int>(new StreamId("numbers", streamKey));
        for (var i = 1; i <= 200; i++)
        {
            await stream.OnNextAsync(i);
        }

        foreach (var subscriber in subscribers)
        {
            var received = (int[])(await Signals.Wait($"stream:{subscriber}"))!;
            Assert.Equal(Enumerable.Range(1, 200), received);
        }
    }

    [Fact]
    public async Task An_implicit_subscriber_is_activated_by_the_first_item_and_gets_them_all()
    {
        await using var silo = await Silos.Start();
        var key = Silos.Key("implicit");
        var stream = silo.Services.GetRequiredService<IStreamProvider>().GetStream<int>(new StreamId("implicit", key));

        await stream.OnNextAsync(7);
        await stream.OnNextAsync(8);
        await stream.OnNextAsync(9);

        Assert.Equal(new[] { 7, 8, 9 }, (int[])(await Signals.Wait($"implicit:{key}:3"))!);
        Assert.Equal(new[] { 7, 8, 9 }, await silo.GrainFactory.GetGrain<IImplicitSubscriberGrain>(key).Received());
    }
}
