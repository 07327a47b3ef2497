using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Reroute.Runtime.Core;
using Reroute.Runtime.Hosting;

namespace Reroute.Runtime.Cluster;

/// <summary>
/// Cluster mode over RabbitMQ (DESIGN.md, "Cluster mode"). Each partition is a quorum queue with single active consumer;
/// silos announce themselves on a fanout exchange and each consumes the partitions rendezvous hashing gives it. Calls
/// to grains of other partitions are published persistent with confirms and answered on this process's reply queue; a
/// request is acknowledged only after its turn (and the state write inside it) completed, so a crash loses nothing.
/// </summary>
internal sealed partial class ClusterTransport : IAsyncDisposable
{
    private readonly ClusterOptions _options;
    private readonly GrainRuntime _runtime;
    private readonly SiloStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterTransport> _logger;
    private readonly PartitionMap _map;
    private readonly PartitionSlot[] _slots;
    private readonly HashSet<string> _localOnlyTypes;
    private readonly bool _hostsGrains;
    private readonly ConcurrentDictionary<string, OutgoingCall> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _rebalance = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _replyQueue;
    private readonly string[] _partitionQueues;
    private readonly Outbox<OutgoingCall> _requests;
    private readonly Outbox<OutgoingReply> _replies;
    private readonly Lock _connectionLock = new();
    private IConnection? _connection;
    private IChannel? _control;
    private IChannel[] _publishers = [];
    private int _nextPublisher;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _heartbeat;
    private int _connectAttempts;
    private int _resubscribing;
    private long _connectionGeneration;
    private Task? _connectLoop;
    private bool _left;

    public ClusterTransport(
        IOptions<ClusterOptions> options,
        GrainRuntime runtime,
        SiloStatus status,
        TimeProvider time,
        ILogger<ClusterTransport> logger)
    {
        _options = options.Value;
        _runtime = runtime;
        _status = status;
        _time = time;
        _logger = logger;
        SiloId = string.IsNullOrWhiteSpace(_options.SiloId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"
            : _options.SiloId;
        _map = new PartitionMap(_options.Partitions);
        _slots = [.. Enumerable.Range(0, _options.Partitions).Select(p => new PartitionSlot(p, _options.DeduplicationWindow))];
        _hostsGrains = !_options.ClientOnly && runtime.Classes.All.Any();

        // Stateless workers are pure compute with local activations on every silo (as in Orleans): never sent away.
        _localOnlyTypes = [.. runtime.Classes.All.Where(static c => c.StatelessWorker is not null).Select(c => GrainInterfaceRegistry.GrainTypeName(c.InterfaceType))];
        Membership = new ClusterMembership(SiloId, _options.FailureTimeout);
        _replyQueue = ClusterTopology.ReplyQueue(_options.Name, SiloId);
        _partitionQueues = [.. Enumerable.Range(0, _options.Partitions).Select(p => ClusterTopology.PartitionQueue(_options.Name, p))];
        _requests = new Outbox<OutgoingCall>(static c => c.Queue, static c => c.Body.Length, PublishCalls, LogPublishFault, _options.PublishesInFlight, _options.GatherFromCallsInFlight, _options.MessageMaxCalls, _options.MessageMaxBytes);
        _replies = new Outbox<OutgoingReply>(static r => r.ReplyTo, static r => r.Body.Length, PublishReplies, LogPublishFault, _options.PublishesInFlight, 0, _options.MessageMaxCalls, _options.MessageMaxBytes);
        runtime.Cluster = this;
    }

    /// <summary>This silo's id in the membership.</summary>
    public string SiloId { get; }

    public ClusterMembership Membership { get; }

    public PartitionMap Map => _map;

    /// <summary>How often this silo has tried to connect to the broker (for status and tests).</summary>
    public int ConnectAttempts => Volatile.Read(ref _connectAttempts);

    /// <summary>Whether the broker connection is up.</summary>
    public bool IsConnected => _connected.Task.IsCompletedSuccessfully;

    /// <summary>The partitions this silo owns now, by rendezvous over the live silos.</summary>
    public IReadOnlyList<int> OwnedPartitions => [.. _slots.Where(static s => s.Owned).Select(static s => s.Partition)];

    /// <summary>The owned partitions a delivery has shown this silo to be the active consumer of.</summary>
    public IReadOnlyList<int> ActivePartitions => [.. _slots.Where(static s => s.Owned && s.Active).Select(static s => s.Partition)];

    /// <summary>Calls sent to other silos and not answered yet.</summary>
    public int PendingCalls => _pending.Count;

    /// <summary>Calls and replies published so far, and the broker messages they went in.</summary>
    public ClusterTraffic Traffic => new(_requests.Items, _requests.Messages, _replies.Items, _replies.Messages);

    /// <summary>Whether this silo owns the partition of <paramref name="grainId"/> (and so fires its reminders).</summary>
    public bool Owns(GrainId grainId) => _slots[_map.PartitionOf(grainId)].Owned;

    /// <summary>Starts connecting in the background; the silo turns ready once connected and subscribed.</summary>
    public void Start()
    {
        _status.NotReady("connecting to RabbitMQ");
        _heartbeat = _time.CreateTimer(static state => ((ClusterTransport)state!).OnHeartbeatTick(), this, _options.HeartbeatInterval, _options.HeartbeatInterval);
        _connectLoop = ConnectLoop();
    }

    /// <summary>Waits until the transport is connected (for hosts and tests that must not call before).</summary>
    public Task WhenConnected(CancellationToken cancellationToken = default) => _connected.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Leaves the cluster gracefully: says so (survivors take the partitions at once instead of after the failure
    /// timeout), stops taking requests, lets running turns finish and acknowledge, and deactivates the partitions'
    /// activations so their state is written before another silo activates them.
    /// </summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        if (_left)
        {
            return;
        }

        _left = true;
        _heartbeat?.Dispose();
        await SendHeartbeat(leaving: true);
        await Task.WhenAll(_slots.Where(static s => s.Channel is not null || s.Owned).Select(s => Release(s, cancellationToken)));
        LogLeft(SiloId);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _heartbeat?.Dispose();
        IConnection? connection;
        lock (_connectionLock)
        {
            connection = _connection;
            _connection = null;
        }

        if (connection is not null)
        {
            try
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception exception)
            {
                // A close the broker does not answer in time (it may be restarting, or overloaded) times out as a
                // cancellation: the silo is stopping either way, and the broker redelivers whatever was not acknowledged.
                LogCloseFailed(exception);
            }

            await connection.DisposeAsync();
        }

        if (_connectLoop is not null)
        {
            await _connectLoop.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        foreach (var (id, call) in _pending)
        {
            if (_pending.TryRemove(id, out _))
            {
                _runtime.Timeouts.Untrack(call.Request);
                call.Request.TryFail(new SiloUnavailableException($"The silo left the cluster before the call to {call.Target}.{call.Request.Method.Name} was answered."));
            }
        }
    }

    /// <summary>
    /// Stops as a crash would: no leave message, no draining, the connection cut. Unacknowledged requests go back to
    /// their queues and survivors find out from missing heartbeats. For tests of failover inside one process.
    /// </summary>
    internal async Task CrashAsync()
    {
        _left = true;
        _heartbeat?.Dispose();
        _runtime.Reminders.Stop();
        _runtime.BeginStopping();
        await _stopping.CancelAsync();
        IConnection? connection;
        lock (_connectionLock)
        {
            connection = _connection;
            _connection = null;
        }

        foreach (var slot in _slots)
        {
            slot.Owned = false;
            slot.Active = false;
        }

        if (connection is not null)
        {
            await connection.AbortAsync();
            await connection.DisposeAsync();
        }
    }

    private async Task ConnectLoop()
    {
        var delay = _options.ReconnectInitialDelay;
        var broker = new Uri(_options.BrokerUri!);
        while (!_stopping.IsCancellationRequested)
        {
            var attempt = Interlocked.Increment(ref _connectAttempts);
            Exception failure;
            try
            {
                await Connect(_stopping.Token);
                LogConnected(SiloId, broker.Host, broker.Port, attempt);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            // The wait starts before the status says so: whoever reads "retrying in" can count on the clock from then.
            var wait = Task.Delay(delay, _time, _stopping.Token);
            LogUnreachable(broker.Host, broker.Port, attempt, delay, failure.Message);
            _status.NotReady($"RabbitMQ at {broker.Host}:{broker.Port} unreachable (attempt {attempt}: {failure.Message}); retrying in {delay.TotalSeconds:0.#} s");
            try
            {
                await wait;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaximumDelay.Ticks));
        }
    }

    private async Task Connect(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(_options.BrokerUri!),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = "reroute-" + SiloId,
            RequestedHeartbeat = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(_options.FailureTimeout.TotalSeconds))),
        };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        try
        {
            var control = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await DeclareTopology(control, cancellationToken);
            var publishers = new IChannel[_options.PublisherChannels];
            for (var i = 0; i < publishers.Length; i++)
            {
                publishers[i] = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            }

            await ConsumeReplies(control, cancellationToken);
            await ConsumeMembership(control, cancellationToken);
            await ConsumeStreams(control, cancellationToken);

            long generation;
            lock (_connectionLock)
            {
                if (_stopping.IsCancellationRequested)
                {
                    throw new OperationCanceledException(_stopping.Token);
                }

                _connection = connection;
                _control = control;
                _publishers = publishers;
                generation = Interlocked.Increment(ref _connectionGeneration);
            }

            connection.ConnectionShutdownAsync += (_, args) => OnConnectionLost(generation, args);
            Membership.Forgive(_time.GetUtcNow());
            _connected.TrySetResult();
            await SendHeartbeat(leaving: false);
            await Rebalance();
            await RepublishPending();
            _status.Ready(_time.GetUtcNow());
        }
        catch
        {
            await connection.AbortAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task DeclareTopology(IChannel control, CancellationToken cancellationToken)
    {
        var deadLetters = ClusterTopology.DeadLetterExchange(_options.Name);
        await control.ExchangeDeclareAsync(deadLetters, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await control.QueueDeclareAsync(ClusterTopology.DeadLetterQueue(_options.Name), durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await control.QueueBindAsync(ClusterTopology.DeadLetterQueue(_options.Name), deadLetters, string.Empty, cancellationToken: cancellationToken);
        await control.ExchangeDeclareAsync(ClusterTopology.MembershipExchange(_options.Name), ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await control.ExchangeDeclareAsync(ClusterTopology.StreamExchange(_options.Name), ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);

        var partition = ClusterTopology.PartitionQueueArguments(_options.Name, _options.DeliveryLimit);
        for (var p = 0; p < _options.Partitions; p++)
        {
            await control.QueueDeclareAsync(ClusterTopology.PartitionQueue(_options.Name, p), durable: true, exclusive: false, autoDelete: false,
                arguments: partition, cancellationToken: cancellationToken);
        }

        // Durable and not exclusive, so replies wait out a reconnection; it expires once its process is gone for good.
        await control.QueueDeclareAsync(_replyQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-expires"] = (int)Math.Max(60_000, _options.FailureTimeout.TotalMilliseconds * 12) },
            cancellationToken: cancellationToken);
    }

    private Task OnConnectionLost(long generation, ShutdownEventArgs args)
    {
        lock (_connectionLock)
        {
            if (generation != Volatile.Read(ref _connectionGeneration) || _connection is null || _stopping.IsCancellationRequested)
            {
                return Task.CompletedTask;
            }

            _connection = null;
            _control = null;
            _publishers = [];
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        foreach (var slot in _slots)
        {
            // The consumers died with the connection; unacknowledged requests went back to their queues.
            slot.ForgetConsumer();
        }

        LogConnectionLost(SiloId, args.ReplyText);
        _status.NotReady($"reconnecting to RabbitMQ ({args.ReplyText})");
        _connectLoop = ConnectLoop();
        return Task.CompletedTask;
    }

    private void OnHeartbeatTick()
    {
        if (!IsConnected || _left)
        {
            return;
        }

        _ = SendHeartbeat(leaving: false);
        var dead = Membership.Expire(_time.GetUtcNow());
        if (dead.Count > 0)
        {
            LogSilosExpired(string.Join(", ", dead));
            _ = Rebalance();
        }

        foreach (var (id, call) in _pending)
        {
            if (call.Request.IsCompleted)
            {
                _pending.TryRemove(id, out _);
            }
        }

        // An owned partition without a consumer (its subscription failed or the broker cancelled it) is subscribed again.
        if (_slots.Any(static s => s.Owned && !s.Consuming) && Interlocked.CompareExchange(ref _resubscribing, 1, 0) == 0)
        {
            _ = Resubscribe();
        }
    }

    private async Task Resubscribe()
    {
        try
        {
            await Rebalance();
        }
        finally
        {
            Volatile.Write(ref _resubscribing, 0);
        }
    }

    private async Task SendHeartbeat(bool leaving)
    {
        // A client is no member: it must never be given partitions.
        if (!_hostsGrains)
        {
            return;
        }

        try
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new Heartbeat(SiloId, leaving));
            await Publisher().BasicPublishAsync(ClusterTopology.MembershipExchange(_options.Name), string.Empty, mandatory: false,
                new BasicProperties { Type = "heartbeat" }, body);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogHeartbeatFailed(exception.Message);
        }
    }

    private async Task ConsumeMembership(IChannel control, CancellationToken cancellationToken)
    {
        var queue = await control.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        await control.QueueBindAsync(queue.QueueName, ClusterTopology.MembershipExchange(_options.Name), string.Empty, cancellationToken: cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(control);
        consumer.ReceivedAsync += (_, delivery) => OnHeartbeat(delivery);
        await control.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);
    }

    private async Task OnHeartbeat(BasicDeliverEventArgs delivery)
    {
        Heartbeat? heartbeat;
        try
        {
            heartbeat = JsonSerializer.Deserialize<Heartbeat>(delivery.Body.Span);
        }
        catch (JsonException)
        {
            return;
        }

        if (heartbeat is null || string.IsNullOrEmpty(heartbeat.Silo) || heartbeat.Silo == SiloId)
        {
            return;
        }

        if (heartbeat.Leaving)
        {
            if (Membership.Left(heartbeat.Silo))
            {
                LogSiloLeft(heartbeat.Silo);
                _ = Rebalance();
            }

            return;
        }

        if (Membership.Heard(heartbeat.Silo, _time.GetUtcNow()))
        {
            LogSiloJoined(heartbeat.Silo);

            // Answer at once so the newcomer learns the membership before its next heartbeat.
            if (!_left)
            {
                await SendHeartbeat(leaving: false);
            }

            _ = Rebalance();
        }
    }

    private IChannel Publisher()
    {
        var publishers = Volatile.Read(ref _publishers);
        if (publishers.Length == 0)
        {
            throw new AlreadyClosedException(new ShutdownEventArgs(ShutdownInitiator.Library, 0, "not connected to RabbitMQ"));
        }

        // A channel the broker closed on its own (a channel error) is skipped rather than failing every n-th publish.
        var start = (uint)Interlocked.Increment(ref _nextPublisher);
        for (var i = 0u; i < (uint)publishers.Length; i++)
        {
            var publisher = publishers[(int)((start + i) % (uint)publishers.Length)];
            if (publisher.IsOpen)
            {
                return publisher;
            }
        }

        return publishers[(int)(start % (uint)publishers.Length)];
    }

    private sealed record Heartbeat(string Silo, bool Leaving);
}
