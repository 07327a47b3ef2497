using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Runtime.Cluster;
using Reroute.Runtime.Hosting;
using Reroute.Runtime.Persistence;
using Reroute.Runtime.Streams;
using Reroute.Runtime.Timers;

namespace Reroute.Runtime.Core;

/// <summary>
/// The silo's grain runtime: hands out references, delivers calls to activations, and owns the catalog, timeouts,
/// reminders and streams. The call path is allocation-light and reflection-free: a generated proxy builds a request,
/// the runtime finds the activation (cached on the reference) and runs the turn inline when the grain is free.
/// </summary>
internal sealed partial class GrainRuntime : IGrainFactory, IGrainCallRuntime, IDisposable
{
    private readonly ILogger<GrainRuntime> _logger;
    private readonly IOutgoingGrainCallFilter[] _outgoingFilters;
    private readonly Lazy<ReminderService> _reminders;
    private readonly Lazy<IReadOnlyDictionary<string, IStreamProvider>> _streams;
    private volatile bool _stopping;

    public GrainRuntime(
        IServiceProvider services,
        IOptions<RuntimeOptions> options,
        TimeProvider time,
        GrainClassCatalog classes,
        GrainStorageRegistry storage,
        IEnumerable<IIncomingGrainCallFilter> incomingFilters,
        IEnumerable<IOutgoingGrainCallFilter> outgoingFilters,
        ILogger<GrainRuntime> logger)
    {
        Services = services;
        Options = options.Value;
        Time = time;
        Classes = classes;
        Storage = storage;
        _logger = logger;
        IncomingFilters = [.. incomingFilters];
        _outgoingFilters = [.. outgoingFilters];
        Catalog = new Catalog(this, time, Options.CollectionAge, Options.CollectionQuantum);
        Timeouts = new CallTimeouts(time, Options.CallTimeout, Options.TimeoutCheckInterval);
        _reminders = new Lazy<ReminderService>(services.GetRequiredService<ReminderService>);
        _streams = new Lazy<IReadOnlyDictionary<string, IStreamProvider>>(
            () => services.GetServices<IStreamProvider>().ToDictionary(static p => p.Name, StringComparer.OrdinalIgnoreCase));
    }

    public IServiceProvider Services { get; }

    public RuntimeOptions Options { get; }

    public TimeProvider Time { get; }

    public GrainClassCatalog Classes { get; }

    public GrainStorageRegistry Storage { get; }

    public Catalog Catalog { get; }

    public CallTimeouts Timeouts { get; }

    public IIncomingGrainCallFilter[] IncomingFilters { get; }

    public ReminderService Reminders => _reminders.Value;

    public ILogger Logger => _logger;

    public bool IsStopping => _stopping;

    /// <summary>The cluster transport in RabbitMQ mode; null in embedded mode, where every grain is local.</summary>
    public ClusterTransport? Cluster { get; set; }

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"A key for {typeof(TGrainInterface).Name} must be a non-empty string.", nameof(key));
        }

        var descriptor = GrainInterfaceRegistry.Get(typeof(TGrainInterface));
        return (TGrainInterface)(object)descriptor.CreateReference(this, new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(TGrainInterface)), key));
    }

    /// <summary>A reference to the grain with <paramref name="grainId"/>, for the runtime's own calls.</summary>
    public GrainReference GetReference(GrainId grainId)
    {
        var descriptor = GrainInterfaceRegistry.Find(grainId.Type)
            ?? GrainInterfaceRegistry.Get(Classes.Get(grainId).InterfaceType);
        return descriptor.CreateReference(this, grainId);
    }

    public Task Invoke(GrainReference target, GrainRequest request)
    {
        var scope = CallScope.Current;
        if (scope is null && _stopping)
        {
            return request.Faulted(new SiloUnavailableException($"The silo is shutting down; the call to {target.GrainId}.{request.Method.Name} was not accepted."));
        }

        request.Context = RequestContext.Snapshot;
        request.CallChain = scope?.Link;
        return _outgoingFilters.Length == 0
            ? Deliver(target, request)
            : OutgoingCallContext.Run(_outgoingFilters, this, target, request);
    }

    /// <summary>Finds the grain's activation (cached on the reference while it lives) and hands it the call.</summary>
    public Task Deliver(GrainReference target, GrainRequest request)
    {
        if (Cluster is { } cluster && !cluster.RunsHere(target.GrainId))
        {
            return cluster.Send(target.GrainId, request);
        }

        if (target.RuntimeCache is DispatchTarget cached && cached.IsLive)
        {
            return cached.Receive(request);
        }

        DispatchTarget found;
        try
        {
            found = Catalog.GetOrCreate(target.GrainId);
        }
        catch (Exception exception)
        {
            return request.Faulted(exception);
        }

        target.RuntimeCache = found;
        return found.Receive(request);
    }

    /// <summary>Delivers a runtime-made request (a reminder tick, a stream activation) to a grain by id.</summary>
    public Task Deliver(GrainId grainId, GrainRequest request)
    {
        request.Context = null;
        request.CallChain = null;
        try
        {
            return Catalog.GetOrCreate(grainId).Receive(request);
        }
        catch (Exception exception)
        {
            return request.Faulted(exception);
        }
    }

    /// <summary>Delivers a call that came from another process, keeping its request context and call chain.</summary>
    public Task DeliverIncoming(GrainId grainId, GrainRequest request)
    {
        try
        {
            return Catalog.GetOrCreate(grainId).Receive(request);
        }
        catch (Exception exception)
        {
            return request.Faulted(exception);
        }
    }

    /// <summary>Sends a call that waited at an activation that has since gone to the grain's next activation.</summary>
    public void Forward(GrainId grainId, GrainRequest request)
    {
        if (Cluster is { } cluster && !cluster.RunsHere(grainId))
        {
            // The grain's partition moved to another silo while the call waited here.
            Timeouts.Untrack(request);
            _ = cluster.Send(grainId, request);
            return;
        }

        try
        {
            _ = Catalog.GetOrCreate(grainId) switch
            {
                Activation activation => activation.Receive(request, forwarded: true),
                StatelessWorkerPool pool => pool.ReceiveForwarded(request),
                var other => throw new InvalidOperationException($"Cannot forward to {other.GetType().Name}."),
            };
        }
        catch (Exception exception)
        {
            Timeouts.Untrack(request);
            request.TryFail(exception);
        }
    }

    public IStreamProvider GetStreamProvider(string name)
        => _streams.Value.TryGetValue(name, out var provider)
            ? provider
            : throw new KeyNotFoundException($"No stream provider named '{name}'. Configured: {string.Join(", ", _streams.Value.Keys)}.");

    /// <summary>Stops taking calls from outside grains; turns already running, and the calls they make, go on.</summary>
    public void BeginStopping() => _stopping = true;

    /// <summary>Deactivates every activation (each after its running turns), within the drain timeout.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        using var drain = new CancellationTokenSource(Options.ShutdownDrainTimeout, Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(drain.Token, cancellationToken);
        LogDeactivatingAll(Catalog.Count);
        Task[] pending = [];
        try
        {
            // Turns still draining may call grains (and forwarded calls land on new activations): repeat until none is left.
            while ((pending = [.. Catalog.Activations().Where(static a => !a.IsGone).Select(a => a.DeactivateAsync(reason))]).Length > 0)
            {
                await Task.WhenAll(pending).WaitAsync(stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Turns that never end must not keep the store from being flushed and closed.
            LogDrainTimedOut(pending.Count(static t => !t.IsCompleted), Options.ShutdownDrainTimeout);
        }

        Timeouts.FailAll(static (target, request) => new SiloUnavailableException(
            $"The silo shut down before the call to {target}.{request.Method.Name} completed."));
    }

    public void Dispose()
    {
        Catalog.Dispose();
        Timeouts.Dispose();
    }

    internal void LogGrainCallFailed(GrainId grainId, string method, Exception exception)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogCallFailed(exception, grainId.ToString(), method);
        }
    }

    internal void LogActivationFailed(GrainId grainId, Exception exception) => LogActivationError(exception, grainId.ToString());

    internal void LogDeactivated(GrainId grainId, DeactivationReasonCode reason)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogDeactivation(grainId.ToString(), reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call to {GrainId}.{Method} failed")]
    private partial void LogCallFailed(Exception exception, string grainId, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Activation of {GrainId} failed")]
    private partial void LogActivationError(Exception exception, string grainId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deactivated {GrainId} ({Reason})")]
    private partial void LogDeactivation(string grainId, DeactivationReasonCode reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deactivating {Count} activations for shutdown")]
    private partial void LogDeactivatingAll(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} activations were still busy after the drain timeout of {Timeout}")]
    private partial void LogDrainTimedOut(int count, TimeSpan timeout);
}
