using System.Text;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using Reroute.Runtime.Cluster;
using Reroute.Runtime.Serialization;
using Reroute.Runtime.Testing;
using Reroute.Runtime.Tests.Grains;
using Reroute.TestServers;

namespace Reroute.Runtime.Tests;

/// <summary>Cluster mode with several silos in this process on a real RabbitMQ broker (DESIGN.md, "Cluster mode").</summary>
public sealed class ClusterTransportTests(RabbitMqServer broker, DynaliteServer dynalite) : IClassFixture<RabbitMqServer>, IClassFixture<DynaliteServer>
{
    private static readonly string CounterType = GrainInterfaceRegistry.GrainTypeName(typeof(ICounterGrain));
    private static readonly string StatefulType = GrainInterfaceRegistry.GrainTypeName(typeof(IStatefulGrain));
    private static readonly string ProbeType = GrainInterfaceRegistry.GrainTypeName(typeof(IClusterProbeGrain));

    [Fact]
    public async Task Grains_spread_over_three_silos_each_on_its_owner_and_a_counter_hammered_from_all_of_them_ends_exact()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        var b = await cluster.Start("silo-b");
        var c = await cluster.Start("silo-c");
        TestSilo[] silos = [a, b, c];
        await ClusterSilos.Converged(silos);

        var counter = Silos.Key("counter");
        await Task.WhenAll(silos.SelectMany(s => Enumerable.Range(0, 150).Select(_ => s.GrainFactory.GetGrain<ICounterGrain>(counter).IncrementAfterYield())));

        foreach (var silo in silos)
        {
            Assert.Equal(new CounterReport(450, 0), await silo.GrainFactory.GetGrain<ICounterGrain>(counter).Report());
        }

        var counterId = new GrainId(CounterType, counter);
        var owner = Assert.Single(ClusterSilos.Hosting(counterId, silos));
        Assert.True(ClusterSilos.Transport(owner).Owns(counterId));

        var keys = Enumerable.Range(0, 48).Select(i => Silos.Key($"spread{i}")).ToList();
        await Task.WhenAll(keys.Select((key, i) => silos[i % 3].GrainFactory.GetGrain<ICounterGrain>(key).Increment()));
        foreach (var key in keys)
        {
            var id = new GrainId(CounterType, key);
            var host = Assert.Single(ClusterSilos.Hosting(id, silos));
            Assert.True(ClusterSilos.Transport(host).Owns(id), $"{id} runs on a silo that does not own its partition");
        }

        Assert.All(silos, s => Assert.Contains(ClusterSilos.Runtime(s).Catalog.Activations(), x => x.GrainId.Type == CounterType));
    }

    [Fact]
    public async Task A_joining_silo_takes_its_share_and_a_leaving_silo_hands_over_without_losing_state()
    {
        await using var cluster = new ClusterSilos(broker.Uri, await ClusterSilos.Tables(dynalite));
        var a = await cluster.Start("silo-a");
        var b = await cluster.Start("silo-b");
        await ClusterSilos.Converged(a, b);
        var keys = Enumerable.Range(0, 40).Select(i => Silos.Key($"patient{i}")).ToList();
        await Task.WhenAll(keys.Select(key => a.GrainFactory.GetGrain<IStatefulGrain>(key).Set("v1-" + key, write: true)));

        var c = await cluster.Start("silo-c");
        await ClusterSilos.Converged(a, b, c);
        Assert.InRange(ClusterSilos.Transport(c).OwnedPartitions.Count, 1, ClusterSilos.Partitions - 2);
        Assert.Equal(RendezvousOwnership.PartitionsOf("silo-c", ClusterSilos.Partitions, ["silo-a", "silo-b", "silo-c"]), ClusterSilos.Transport(c).OwnedPartitions);

        // Every grain answers with the state written before the hand-over, from its partition's owner only.
        foreach (var key in keys)
        {
            Assert.Equal("v1-" + key, await b.GrainFactory.GetGrain<IStatefulGrain>(key).Get());
        }

        await ClusterSilos.Eventually("each grain lives only on its owner", () => keys.All(key =>
        {
            var id = new GrainId(StatefulType, key);
            return ClusterSilos.Hosting(id, a, b, c) is [var host] && ClusterSilos.Transport(host).Owns(id);
        }));
        Assert.Contains(keys, key => ClusterSilos.Hosting(new GrainId(StatefulType, key), c).Count == 1);

        await Task.WhenAll(keys.Select(key => c.GrainFactory.GetGrain<IStatefulGrain>(key).Set("v2-" + key, write: false)));
        await c.StopAsync();
        await ClusterSilos.Converged(a, b);

        // C wrote the state of its grains while deactivating, before A and B took its partitions.
        foreach (var key in keys)
        {
            Assert.Equal("v2-" + key, await a.GrainFactory.GetGrain<IStatefulGrain>(key).Get());
        }
    }

    [Fact]
    public async Task After_a_silo_crashes_its_partitions_are_reclaimed_and_its_grains_reminder_fires_once_on_the_new_owner()
    {
        await using var cluster = new ClusterSilos(broker.Uri, await ClusterSilos.Tables(dynalite));
        var a = await cluster.Start("silo-a");
        var b = await cluster.Start("silo-b");
        var c = await cluster.Start("silo-c");
        await ClusterSilos.Converged(a, b, c);

        var map = new PartitionMap(ClusterSilos.Partitions);
        var key = Enumerable.Range(0, 1000).Select(i => $"reminded-{Guid.NewGuid():N}")
            .First(k => RendezvousOwnership.OwnerOf(map.PartitionOf(new GrainId(StatefulType, k)), ["silo-a", "silo-b", "silo-c"]) == "silo-c");
        var grainId = new GrainId(StatefulType, key);
        var grain = a.GrainFactory.GetGrain<IStatefulGrain>(key);
        await grain.Set("before the crash", write: true);
        await grain.RegisterReminder(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));
        Assert.Equal([c], ClusterSilos.Hosting(grainId, a, b, c));

        await ClusterSilos.Transport(c).CrashAsync();
        await cluster.Beat(6, a, b);
        await ClusterSilos.Converged(a, b);
        var heir = ClusterSilos.Transport(a).Owns(grainId) ? a : b;

        await cluster.Beat(5, a, b);
        await Signals.Wait($"reminder:{key}:1");
        Assert.Equal([heir], ClusterSilos.Hosting(grainId, a, b));
        Assert.Equal("before the crash", await b.GrainFactory.GetGrain<IStatefulGrain>(key).Get());

        // Exactly once: nothing else is due until the next period, and the next period fires once more.
        await cluster.Beat(40, a, b);
        await grain.Get();
        Assert.False(Signals.IsSet($"reminder:{key}:2"));
        await cluster.Beat(20, a, b);
        await Signals.Wait($"reminder:{key}:2");
        Assert.False(Signals.IsSet($"reminder:{key}:3"));
    }

    [Fact]
    public async Task A_cluster_client_calls_grains_over_the_broker_without_joining_the_membership()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        await ClusterSilos.Converged(a);

        await using var client = await cluster.Client();
        var key = Silos.Key("from-client");
        Assert.Equal(1, await client.Grains.GetGrain<ICounterGrain>(key).Increment());
        Assert.Equal(2, await a.GrainFactory.GetGrain<ICounterGrain>(key).Increment());
        Assert.Equal(3, await client.Grains.GetGrain<ICounterGrain>(key).Increment());

        Assert.Single(ClusterSilos.Hosting(new GrainId(CounterType, key), a));
        Assert.Equal(["silo-a"], ClusterSilos.Transport(a).Membership.Live);
        Assert.Equal(ClusterSilos.Partitions, ClusterSilos.Transport(a).OwnedPartitions.Count);
    }

    [Fact]
    public async Task A_partition_whose_consumer_the_broker_drops_is_subscribed_again_and_calls_to_it_complete()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        await ClusterSilos.Converged(a);
        await using var client = await cluster.Client();
        var key = Silos.Key("dropped");
        var partition = new PartitionMap(ClusterSilos.Partitions).PartitionOf(new GrainId(CounterType, key));
        var queue = ClusterTopology.PartitionQueue(cluster.Name, partition);
        Assert.Equal(1, await client.Grains.GetGrain<ICounterGrain>(key).Increment());
        Assert.Contains(partition, ClusterSilos.Transport(a).ActivePartitions);

        // The queue goes away under the silo, whose connection stays up: the broker cancels its consumer, and subscribing
        // again fails (no such queue) until the queue is back, as after a broker restart a quorum queue without a leader
        // times subscriptions out until it has one.
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        await ClusterSilos.Eventually("the silo noticed its consumer is gone", () => !ClusterSilos.Transport(a).ActivePartitions.Contains(partition));
        var meanwhile = client.Grains.GetGrain<ICounterGrain>(key).Increment();
        await cluster.Beat(3, a);
        Assert.False(meanwhile.IsCompleted);

        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: ClusterTopology.PartitionQueueArguments(cluster.Name, deliveryLimit: 5));
        await ClusterSilos.Eventually("the call made meanwhile completed", () =>
        {
            cluster.Time.Advance(ClusterSilos.Heartbeat);
            return meanwhile.IsCompleted;
        });
        Assert.Equal(2, await meanwhile);
        Assert.Equal(3, await client.Grains.GetGrain<ICounterGrain>(key).Increment());
        Assert.Contains(partition, ClusterSilos.Transport(a).ActivePartitions);
    }

    [Fact]
    public async Task Stream_items_published_on_one_silo_reach_subscribers_on_the_others_in_order_and_implicit_subscribers_activate_once_on_their_owner()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        var b = await cluster.Start("silo-b");
        await ClusterSilos.Converged(a, b);
        var map = new PartitionMap(ClusterSilos.Partitions);
        var subscriberType = GrainInterfaceRegistry.GrainTypeName(typeof(IStreamSubscriberGrain));
        var subscriber = Enumerable.Range(0, 1000).Select(_ => Silos.Key("listener"))
            .First(k => RendezvousOwnership.OwnerOf(map.PartitionOf(new GrainId(subscriberType, k)), ["silo-a", "silo-b"]) == "silo-b");
        var streamKey = Silos.Key("feed");
        await a.GrainFactory.GetGrain<IStreamSubscriberGrain>(subscriber).Subscribe(streamKey, 20);

        var numbers = ClusterSilos.Runtime(a).GetStreamProvider("Default").GetStream<int>(new StreamId("numbers", streamKey));
        for (var i = 0; i < 20; i++)
        {
            await numbers.OnNextAsync(i);
        }

        Assert.Equal(Enumerable.Range(0, 20), (int[])(await Signals.Wait($"stream:{subscriber}"))!);
        Assert.Equal(Enumerable.Range(0, 20), await a.GrainFactory.GetGrain<IStreamSubscriberGrain>(subscriber).Received());

        var implicitKey = Silos.Key("implicit");
        var implicitStream = ClusterSilos.Runtime(b).GetStreamProvider("Default").GetStream<int>(new StreamId("implicit", implicitKey));
        await implicitStream.OnNextAsync(7);
        await implicitStream.OnNextAsync(8);
        Assert.Equal(new[] { 7, 8 }, (int[])(await Signals.Wait($"implicit:{implicitKey}:2"))!);
        var implicitId = new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(IImplicitSubscriberGrain)), implicitKey);
        var host = Assert.Single(ClusterSilos.Hosting(implicitId, a, b));
        Assert.True(ClusterSilos.Transport(host).Owns(implicitId));
        Assert.Equal(new[] { 7, 8 }, await a.GrainFactory.GetGrain<IImplicitSubscriberGrain>(implicitKey).Received());
    }

    [Fact]
    public async Task A_call_chain_that_comes_back_across_silos_reenters_and_a_grain_exception_crosses_with_its_type()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        var b = await cluster.Start("silo-b");
        await ClusterSilos.Converged(a, b);
        var map = new PartitionMap(ClusterSilos.Partitions);
        var chainType = GrainInterfaceRegistry.GrainTypeName(typeof(IChainGrain));
        string KeyOn(string silo, string type) => Enumerable.Range(0, 1000).Select(_ => Silos.Key(silo))
            .First(k => RendezvousOwnership.OwnerOf(map.PartitionOf(new GrainId(type, k)), ["silo-a", "silo-b"]) == silo);
        var x = KeyOn("silo-a", chainType);
        var y = KeyOn("silo-b", chainType);

        // x (on A) waits in Start for y (on B), which calls back into x: the chain travels with the messages.
        Assert.Equal($"via {y}: leaf {x}", await b.GrainFactory.GetGrain<IChainGrain>(x).Start(y, x).WaitAsync(TimeSpan.FromSeconds(60)));

        var failing = KeyOn("silo-b", StatefulType);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => a.GrainFactory.GetGrain<IStatefulGrain>(failing).Fail("slot S-9 is taken"));
        Assert.Equal("slot S-9 is taken", error.Message);
    }

    [Fact]
    public async Task A_malformed_message_is_dead_lettered_with_its_reason_and_the_partition_keeps_serving()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        await ClusterSilos.Converged(a);
        var key = Silos.Key("after-garbage");
        var partition = new PartitionMap(ClusterSilos.Partitions).PartitionOf(new GrainId(CounterType, key));

        await using var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync(string.Empty, ClusterTopology.PartitionQueue(cluster.Name, partition), mandatory: true,
            new BasicProperties { Persistent = true, MessageId = "garbage-1" }, Encoding.UTF8.GetBytes("{not json"));
        await channel.BasicPublishAsync(string.Empty, ClusterTopology.PartitionQueue(cluster.Name, partition), mandatory: true,
            new BasicProperties { Persistent = true, MessageId = "garbage-2" }, Encoding.UTF8.GetBytes("""{"id":"garbage-2","grainType":"No.Such.IGrain","grainKey":"x","method":"M","request":{}}"""));

        Assert.Equal(1, await a.GrainFactory.GetGrain<ICounterGrain>(key).Increment());

        var dead = await TakeDeadLetters(channel, cluster.Name, 2);
        Assert.Equal(["garbage-1", "garbage-2"], dead.Select(d => d.BasicProperties.MessageId).Order());
        Assert.Contains("not valid JSON", Reason(dead.Single(d => d.BasicProperties.MessageId == "garbage-1")));
        Assert.Contains("No.Such.IGrain", Reason(dead.Single(d => d.BasicProperties.MessageId == "garbage-2")));
        Assert.All(dead, d => Assert.Equal(ClusterTopology.PartitionQueue(cluster.Name, partition), Header(d, ClusterTopology.QueueHeader)));
        Assert.Equal("{not json", Encoding.UTF8.GetString(dead.Single(d => d.BasicProperties.MessageId == "garbage-1").Body.Span));
    }

    [Fact]
    public async Task A_request_that_keeps_failing_is_dead_lettered_after_the_delivery_limit_and_its_caller_told()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a", deliveryLimit: 3);
        var b = await cluster.Start("silo-b", deliveryLimit: 3);
        await ClusterSilos.Converged(a, b);
        var map = new PartitionMap(ClusterSilos.Partitions);
        var key = Enumerable.Range(0, 1000).Select(i => Silos.Key("poison"))
            .First(k => RendezvousOwnership.OwnerOf(map.PartitionOf(new GrainId(ProbeType, k)), ["silo-a", "silo-b"]) == "silo-b");

        // Called from A, so the call crosses the broker and its answer must be serialized.
        var error = await Assert.ThrowsAsync<RemoteGrainException>(() => a.GrainFactory.GetGrain<IClusterProbeGrain>(key).Unanswerable());

        Assert.Contains(nameof(GrainMessageFormatException), error.Message);
        Assert.Contains("poison: delivered 3 times", error.Message);
        Assert.Equal(3, ClusterProbeGrain.UnanswerableRuns[key]);
        Assert.Equal(1, await a.GrainFactory.GetGrain<IClusterProbeGrain>(key).Touch());
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var dead = Assert.Single(await TakeDeadLetters(channel, cluster.Name, 1));
        Assert.Contains("JsonException", Reason(dead));
        Assert.Contains(key, Encoding.UTF8.GetString(dead.Body.Span));
        Assert.Contains("Unanswerable", Reason(dead));
    }

    [Fact]
    public async Task A_request_whose_consumer_dies_every_time_is_dead_lettered_by_the_broker_after_the_delivery_limit()
    {
        // A request that crashes every silo it reaches never gets an answer from the transport; the partition queue's
        // own delivery limit must take it out, or it would kill one silo after another.
        var name = "poison-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reroute:Cluster:BrokerUri"] = broker.Uri,
            ["Reroute:Cluster:Name"] = name,
            ["Reroute:Cluster:Partitions"] = "2",
            ["Reroute:Cluster:DeliveryLimit"] = "2",
        }).Build();
        await using (await ClusterClient.ConnectAsync(configuration))
        {
            // Connecting declares the cluster's queues, as every silo does.
        }

        var queue = ClusterTopology.PartitionQueue(name, 0);
        await using var publisher = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync();
        await using var channel = await publisher.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, new BasicProperties { Persistent = true, MessageId = "kills-its-silo" }, Encoding.UTF8.GetBytes("{}"));

        var deliveries = 0;
        var deadLetters = ClusterTopology.DeadLetterQueue(name);
        while (await channel.MessageCountAsync(deadLetters) == 0)
        {
            Assert.InRange(deliveries, 0, 4);
            await using var doomed = await new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync();
            var consumerChannel = await doomed.CreateChannelAsync();
            var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var consumer = new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(consumerChannel);
            consumer.ReceivedAsync += (_, _) =>
            {
                delivered.TrySetResult();
                return Task.CompletedTask;
            };
            await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);
            await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            deliveries++;

            // The silo dies mid-turn; the broker takes the request back and either offers it again or dead-letters it.
            await doomed.AbortAsync();
            await ClusterSilos.Eventually("the request is back in its queue or dead-lettered", () =>
                channel.MessageCountAsync(queue).GetAwaiter().GetResult() + channel.MessageCountAsync(deadLetters).GetAwaiter().GetResult() == 1);
        }

        var dead = Assert.Single(await TakeDeadLetters(channel, name, 1));
        Assert.Equal("kills-its-silo", dead.BasicProperties.MessageId);
        Assert.Equal(0u, await channel.MessageCountAsync(queue));
        Assert.Equal("delivery_limit", DeathReason(dead));
        Assert.Equal(3, deliveries);
    }

    [Fact]
    public async Task A_silo_whose_broker_is_unreachable_is_not_ready_and_retries_with_growing_backoff()
    {
        var closedPort = ExternalProcess.FreePort();
        var options = Silos.Options();
        options.Configuration["Reroute:Cluster:Mode"] = "RabbitMQ";
        options.Configuration["Reroute:Cluster:BrokerUri"] = $"amqp://guest:guest@127.0.0.1:{closedPort}/";
        options.Configuration["Reroute:Cluster:ReconnectInitialDelay"] = "00:00:01";
        options.Configuration["Reroute:Cluster:ReconnectMaximumDelay"] = "00:00:04";
        await using var silo = await TestSilo.StartAsync(options);
        var transport = ClusterSilos.Transport(silo);
        var status = ClusterSilos.Status(silo);

        await ClusterSilos.Eventually("the first attempt failed", () => status.Stage.Contains("unreachable (attempt 1", StringComparison.Ordinal));
        Assert.False(status.IsReady);
        Assert.Contains($"127.0.0.1:{closedPort}", status.Stage);
        Assert.Contains("retrying in 1 s", status.Stage);

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        await ClusterSilos.Eventually("the second attempt failed", () => status.Stage.Contains("unreachable (attempt 2", StringComparison.Ordinal));
        Assert.Contains("retrying in 2 s", status.Stage);
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, transport.ConnectAttempts);
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        await ClusterSilos.Eventually("the third attempt failed", () => status.Stage.Contains("unreachable (attempt 3", StringComparison.Ordinal));
        Assert.False(status.IsReady);
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public async Task A_redelivered_request_with_a_message_id_already_handled_runs_once_and_is_answered_again()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        await ClusterSilos.Converged(a);
        var key = Silos.Key("dedup");
        var target = new GrainId(ProbeType, key);
        Assert.Equal(1, await a.GrainFactory.GetGrain<IClusterProbeGrain>(key).Touch());

        // The same request twice, as a publisher retrying after a lost confirm would send it; the retry under another
        // correlation id, which its answer from memory must carry in its properties and in its body (what a batch of
        // replies is matched by).
        var body = GrainMessageCodec.EncodeCall("touch-once", target, GrainRequests.For<IClusterProbeGrain>(nameof(IClusterProbeGrain.Touch)));
        await using var caller = await OutsideCaller.Open(broker.Uri);
        for (var i = 0; i < 2; i++)
        {
            await caller.Channel.BasicPublishAsync(string.Empty, caller.QueueOf(cluster, target), mandatory: true,
                new BasicProperties { Persistent = true, MessageId = "touch-once", CorrelationId = $"try-{i}", ReplyTo = caller.ReplyQueue }, body);
        }

        var answers = await caller.Replies("both copies answered", static taken => taken.Count == 2);
        Assert.All(answers, answer => Assert.Contains("\"result\":2", Encoding.UTF8.GetString(answer.Body.Span)));
        Assert.Equal(["try-0", "try-1"], answers.Select(static x => x.BasicProperties.CorrelationId).Order(StringComparer.Ordinal));
        Assert.All(answers, answer => Assert.Equal(answer.BasicProperties.CorrelationId, GrainMessageBatch.MessageIdOf(answer.Body.Span)));
        Assert.Equal(3, await a.GrainFactory.GetGrain<IClusterProbeGrain>(key).Touch());
    }

    [Fact]
    public async Task A_redelivered_request_whose_callee_found_its_state_stale_is_answered_with_the_error_not_run_again_on_the_same_activation()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        await ClusterSilos.Converged(a);
        var runtime = ClusterSilos.Runtime(a);
        var callerKey = Silos.Key("through");
        var calleeKey = Silos.Key("stale-callee");
        var callerId = new GrainId(StatefulType, callerKey);
        var calleeId = new GrainId(StatefulType, calleeKey);
        await a.GrainFactory.GetGrain<IStatefulGrain>(callerKey).Set("caller", write: true);
        await a.GrainFactory.GetGrain<IStatefulGrain>(calleeKey).Set("agreed", write: true);
        var callerActivation = runtime.Catalog.Activations().Single(x => x.GrainId == callerId);
        await StaleActivationTests.ChangedByAnotherWriter(runtime, calleeId, "agreed");

        var answer = await AnswerRedelivered(cluster, callerId, "through-1", GrainRequests.For<IStatefulGrain>(nameof(IStatefulGrain.SetThrough), calleeKey, "once"));

        // The refused write was the callee's: the caller's activation stays, so the caller hears the error once.
        Assert.Contains(nameof(InconsistentStateException), answer, StringComparison.Ordinal);
        Assert.Same(callerActivation, runtime.Catalog.Activations().Single(x => x.GrainId == callerId));
        await ClusterSilos.Eventually("the stale callee gone", () => !runtime.Catalog.Activations().Any(x => x.GrainId == calleeId));
        Assert.Equal("from the other writer", await a.GrainFactory.GetGrain<IStatefulGrain>(calleeKey).Get());
    }

    [Fact]
    public async Task A_redelivered_request_whose_own_state_write_was_refused_runs_again_on_a_new_activation_that_reads_the_stored_state()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        await ClusterSilos.Converged(a);
        var runtime = ClusterSilos.Runtime(a);
        var key = Silos.Key("stale-target");
        var grainId = new GrainId(StatefulType, key);
        await a.GrainFactory.GetGrain<IStatefulGrain>(key).Set("agreed", write: true);
        var stale = runtime.Catalog.Activations().Single(x => x.GrainId == grainId);
        await StaleActivationTests.ChangedByAnotherWriter(runtime, grainId, "agreed");

        var answer = await AnswerRedelivered(cluster, grainId, "set-1", GrainRequests.For<IStatefulGrain>(nameof(IStatefulGrain.Set), "after the hand-over", true));

        Assert.DoesNotContain("errorType", answer, StringComparison.Ordinal);
        Assert.NotSame(stale, runtime.Catalog.Activations().Single(x => x.GrainId == grainId));
        Assert.Equal("after the hand-over", await a.GrainFactory.GetGrain<IStatefulGrain>(key).Get());
    }

    /// <summary>Publishes a request as the broker hands it to a new owner after its first owner died (delivered once before), and returns the reply.</summary>
    private async Task<string> AnswerRedelivered(ClusterSilos cluster, GrainId target, string messageId, GrainRequest request)
    {
        await using var caller = await OutsideCaller.Open(broker.Uri);
        await caller.Channel.BasicPublishAsync(string.Empty, caller.QueueOf(cluster, target), mandatory: true, new BasicProperties
        {
            Persistent = true,
            MessageId = messageId,
            CorrelationId = messageId,
            ReplyTo = caller.ReplyQueue,
            Headers = new Dictionary<string, object?> { [ClusterTopology.DeliveryCountHeader] = 1L },
        }, GrainMessageCodec.EncodeCall(messageId, target, request));

        var reply = await caller.Replies("the request answered", static taken => taken.Count == 1);
        return Encoding.UTF8.GetString(reply[0].Body.Span);
    }

    [Fact]
    public async Task A_reply_names_the_callers_correlation_id_in_its_properties_and_in_its_body_however_replies_are_sent()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        await ClusterSilos.Converged(a);
        var key = Silos.Key("correlated");
        var target = new GrainId(ProbeType, key);
        await using var caller = await OutsideCaller.Open(broker.Uri);

        // A caller whose correlation ids are not its message ids; several at once, so the silo may batch the replies.
        var sends = Enumerable.Range(1, 6).Select(i => caller.Channel.BasicPublishAsync(string.Empty, caller.QueueOf(cluster, target), mandatory: true,
            new BasicProperties { Persistent = true, MessageId = $"message-{i}", CorrelationId = $"caller-{i}", ReplyTo = caller.ReplyQueue },
            GrainMessageCodec.EncodeCall($"message-{i}", target, GrainRequests.For<IClusterProbeGrain>(nameof(IClusterProbeGrain.Touch)))).AsTask());
        await Task.WhenAll(sends);

        var replies = await caller.Replies("all six answered", static taken => taken.Sum(static r => Lines(r).Count) == 6);
        Assert.All(replies.Where(static r => r.BasicProperties.ContentType != GrainMessageBatch.ContentType),
            reply => Assert.Equal(reply.BasicProperties.CorrelationId, GrainMessageBatch.MessageIdOf(reply.Body.Span)));
        var answered = replies.SelectMany(static r => Lines(r)).Select(static line => GrainMessageBatch.MessageIdOf(line.Span));
        Assert.Equal(Enumerable.Range(1, 6).Select(static i => $"caller-{i}"), answered.Order(StringComparer.Ordinal));
        Assert.Equal(7, await a.GrainFactory.GetGrain<IClusterProbeGrain>(key).Touch());
    }

    [Fact]
    public async Task A_batch_message_has_each_call_answered_its_malformed_lines_dead_lettered_alone_and_is_acknowledged_once()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        await ClusterSilos.Converged(a);
        var key = Silos.Key("batched");
        var target = new GrainId(ProbeType, key);
        byte[] Call(string id) => GrainMessageCodec.EncodeCall(id, target, GrainRequests.For<IClusterProbeGrain>(nameof(IClusterProbeGrain.Touch)));

        // Two calls, a line that is not JSON, a call to a grain type nobody knows, and the first call again (a copy).
        var body = GrainMessageBatch.Join([
            Call("touch-1"),
            Encoding.UTF8.GetBytes("{not json"),
            Encoding.UTF8.GetBytes("""{"id":"unknown-1","grainType":"No.Such.IGrain","grainKey":"x","method":"M","request":{}}"""),
            Call("touch-2"),
            Call("touch-1"),
        ]);
        await using var caller = await OutsideCaller.Open(broker.Uri);
        var channel = caller.Channel;
        var queue = caller.QueueOf(cluster, target);
        await channel.BasicPublishAsync(string.Empty, queue, mandatory: true,
            new BasicProperties { Persistent = true, ContentType = GrainMessageBatch.ContentType, ReplyTo = caller.ReplyQueue }, body);

        // Each call answered under its own id (in one message or several), the copy from the first run.
        var replies = await caller.Replies("every line answered", static taken => taken.Sum(static r => Lines(r).Count) == 4);
        var answers = replies.SelectMany(static r => Lines(r))
            .GroupBy(static line => GrainMessageBatch.MessageIdOf(line.Span) ?? "(none)")
            .ToDictionary(static g => g.Key, static g => g.Select(static line => Encoding.UTF8.GetString(line.Span)).ToList());
        Assert.Equal(["touch-1", "touch-2", "unknown-1"], answers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, answers["touch-1"].Count);
        Assert.Equal(answers["touch-1"][0], answers["touch-1"][1]);
        Assert.Contains("No.Such.IGrain", Assert.Single(answers["unknown-1"]));
        Assert.Contains("\"result\":", answers["touch-2"][0]);

        // Touch ran twice (the copy did not run again), and the next one counts on.
        Assert.Equal(3, await a.GrainFactory.GetGrain<IClusterProbeGrain>(key).Touch());

        // The malformed lines went to the dead letters one by one, with their reasons; the batch left the queue.
        var dead = await TakeDeadLetters(channel, cluster.Name, 2);
        var garbage = dead.Single(d => Encoding.UTF8.GetString(d.Body.Span) == "{not json");
        var unknown = dead.Single(d => GrainMessageBatch.MessageIdOf(d.Body.Span) == "unknown-1");
        Assert.Contains("not valid JSON", Reason(garbage));
        Assert.Contains("No.Such.IGrain", Reason(unknown));
        Assert.Equal("unknown-1", unknown.BasicProperties.MessageId);

        // A batch of nothing asks nothing, and is acknowledged too.
        await channel.BasicPublishAsync(string.Empty, queue, mandatory: true,
            new BasicProperties { Persistent = true, ContentType = GrainMessageBatch.ContentType, ReplyTo = caller.ReplyQueue }, "\n \n"u8.ToArray());
        Assert.Equal(4, await a.GrainFactory.GetGrain<IClusterProbeGrain>(key).Touch());

        // Acknowledged, not just taken: the silo leaves (its settled requests acknowledged first, as the release waits for
        // them), and anything it held unacknowledged would be back in the queue once its consumer is gone.
        await ClusterSilos.Transport(a).LeaveAsync(CancellationToken.None);
        await ClusterSilos.Eventually("the consumer gone", () => channel.ConsumerCountAsync(queue).GetAwaiter().GetResult() == 0);
        Assert.Equal(0u, await channel.MessageCountAsync(queue));
    }

    [Fact]
    public async Task Calls_made_together_go_in_fewer_broker_messages_and_each_is_answered_exactly()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        await ClusterSilos.Converged(a);
        await using var client = await cluster.Client();
        var keys = Enumerable.Range(0, 40).Select(_ => Silos.Key("together")).ToArray();

        // 400 calls started at once: while the first publishes wait for their confirms, the rest gather.
        var calls = keys.SelectMany(key => Enumerable.Range(0, 10).Select(_ => client.Grains.GetGrain<ICounterGrain>(key).Increment())).ToList();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var key in keys)
        {
            Assert.Equal(11, await a.GrainFactory.GetGrain<ICounterGrain>(key).Increment());
        }

        var sent = client.Traffic;
        Assert.Equal(400, sent.Calls);
        Assert.InRange(sent.CallMessages, 1, 200);
        var replied = ClusterSilos.Transport(a).Traffic;
        Assert.True(replied.ReplyMessages < replied.Replies, $"{replied.Replies} replies in {replied.ReplyMessages} messages");
    }

    private static Task<List<BasicGetResult>> TakeDeadLetters(IChannel channel, string cluster, int count)
        => Take(channel, ClusterTopology.DeadLetterQueue(cluster), $"{count} dead letters", taken => taken.Count >= count);

    /// <summary>Takes messages from <paramref name="queue"/> until <paramref name="enough"/> says so.</summary>
    private static async Task<List<BasicGetResult>> Take(IChannel channel, string queue, string what, Func<List<BasicGetResult>, bool> enough)
    {
        var taken = new List<BasicGetResult>();
        await ClusterSilos.Eventually(what, () =>
        {
            if (channel.BasicGetAsync(queue, autoAck: true).GetAwaiter().GetResult() is { } message)
            {
                taken.Add(message);
            }

            return enough(taken);
        });
        return taken;
    }

    /// <summary>The calls or replies a message carries: its lines when it is a batch, else itself.</summary>
    private static List<ReadOnlyMemory<byte>> Lines(BasicGetResult message)
        => message.BasicProperties.ContentType == GrainMessageBatch.ContentType ? GrainMessageBatch.Split(message.Body.ToArray()) : [message.Body.ToArray()];

    private static string DeathReason(BasicGetResult message)
        => message.BasicProperties.Headers?["x-death"] is IList<object?> deaths && deaths.FirstOrDefault() is IDictionary<string, object?> death
           && death.TryGetValue("reason", out var reason) && reason is byte[] bytes ? Encoding.UTF8.GetString(bytes) : string.Empty;

    private static string Reason(BasicGetResult message) => Header(message, ClusterTopology.ReasonHeader);

    private static string Header(BasicGetResult message, string name)
        => message.BasicProperties.Headers?[name] is byte[] bytes ? Encoding.UTF8.GetString(bytes) : string.Empty;

    /// <summary>
    /// A sender outside the runtime (another client, a publisher retrying on its own): its own connection, a confirming
    /// channel and an exclusive reply queue, publishing straight to a grain's partition queue.
    /// </summary>
    private sealed class OutsideCaller(IConnection connection, IChannel channel, string replyQueue) : IAsyncDisposable
    {
        public IChannel Channel => channel;

        public string ReplyQueue => replyQueue;

        public static async Task<OutsideCaller> Open(string brokerUri)
        {
            var connection = await new ConnectionFactory { Uri = new Uri(brokerUri) }.CreateConnectionAsync();
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            var replies = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true);
            return new OutsideCaller(connection, channel, replies.QueueName);
        }

        public string QueueOf(ClusterSilos cluster, GrainId target)
            => ClusterTopology.PartitionQueue(cluster.Name, new PartitionMap(ClusterSilos.Partitions).PartitionOf(target));

        public Task<List<BasicGetResult>> Replies(string what, Func<List<BasicGetResult>, bool> enough) => Take(channel, replyQueue, what, enough);

        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
