using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Routing;
using Reroute.Runtime.Cluster;

namespace Reroute.Grains.Routing;

/// <summary>
/// Routes over a snapshot of every registered node and its breaker, rebuilt when older than
/// <see cref="RoutingGrainOptions.SnapshotRefreshInterval"/>; the decision itself is <see cref="RoutePlanner"/>'s.
/// Breakers enter the planner as data: an open node is excluded, and a half-open or ramping node takes only its admit
/// fraction of requests, chosen by a stable hash of the request and node ids so that a retry of the same request sees
/// the same view. Reentrant: a decision spends most of its time awaiting the policy and log grains, and the snapshot is
/// swapped whole between awaits, so interleaved decisions always see one consistent snapshot. When a refresh fails (a
/// resource, breaker, cache or monitor grain unreachable), the router keeps deciding on its last good snapshot, says so
/// in the rationale, and tries again one refresh interval later rather than on every request. When the planner cannot run
/// at all (no snapshot was ever taken, or the tenant's policy or the classifier is unreachable), a recent decision for a
/// request of the same shape is reused from the silo's <see cref="DecisionCache"/>; without one the failure is the caller's.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed partial class RouterGrain(IOptions<RoutingGrainOptions> options, DecisionCache decisions, ILogger<RouterGrain> logger) : Grain, IRouterGrain
{
    // 2^53: a double holds that many evenly spaced values in [0, 1).
    private const double UnitScale = 1.0 / (1UL << 53);
    private const int FractionBits = 53;

    // Hashed with the request id for the A/B split, so that the split is independent of the breaker ramp's.
    private const string ExperimentSalt = "routing-experiment";

    // The tiers that have a breaker of their own, in the order of _tierBreakers (the device tier has none).
    private static readonly ComputeTier[] BreakerTiers = [ComputeTier.Edge, ComputeTier.Cloud];

    private readonly RoutingGrainOptions _options = options.Value;
    private NodeSnapshot[] _nodes = [];
    private BreakerStatus[] _breakers = [];
    private DateTimeOffset? _refreshedAt;

    // When the snapshot in use was taken; differs from _refreshedAt only while refreshes are failing.
    private DateTimeOffset? _snapshotTakenAt;
    private BreakerStatus[] _tierBreakers = [];
    private RoutingExperiment? _experiment;
    private RoutingModel? _experimentModel;
    private RoutingModel _controlModel = RoutingModel.Default;

    // Requests per (node, model) that found the model cold on a nearby edge node hosting it, in the current window.
    private readonly Dictionary<(string Node, string Model), int> _coldDemand = [];
    private DateTimeOffset _demandWindowStart;

    /// <inheritdoc />
    public async Task<RouteDecision> Route(InferenceRequest request)
    {
        RoutingValidation.Request(request);
        TimeSpan? stale;
        Task<TenantPolicy> policy;
        Task<RequestProfile> profile;
        try
        {
            stale = await RefreshOrKeepLastGood(request.RequestId);
            policy = GrainFactory.GetGrain<ITenantRoutingPolicyGrain>(request.TenantId).Get();
            profile = GrainFactory.GetGrain<IContextGrain>(RoutingKeys.Context).Classify(request);
            await Task.WhenAll(policy, profile);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Graceful degradation, last step: the planner cannot run, so a recent decision for the same shape stands in.
            var reason = "planner unavailable (" + error.GetType().Name + ")";
            if (!decisions.TryRecall(request, Time.GetUtcNow(), _options.CachedDecisionMaxAge, reason, out var cached))
            {
                throw;
            }

            LogCachedDecision(logger, error.GetType().Name, request.RequestId);
            await Log(request, cached, Time.GetUtcNow());
            return cached;
        }

        var (model, policyName) = PolicyFor(request.RequestId);

        var decision = RoutePlanner.Plan(request, profile.Result, View(request, admitAll: false, out var heldBack), policy.Result, model);
        if (heldBack > 0)
        {
            if (decision.Status == RouteStatus.NoEligibleNode)
            {
                // Holding a recovering node back is about spreading risk, not about safety: when it is the only option, use it.
                decision = RoutePlanner.Plan(request, profile.Result, View(request, admitAll: true, out _), policy.Result, model);
            }
            else
            {
                decision = decision with
                {
                    Rationale = decision.Rationale.Add(string.Create(CultureInfo.InvariantCulture, $"{heldBack} recovering node(s) not offered this request (breaker ramp)")),
                };
            }
        }

        if (stale is { } age)
        {
            decision = decision with
            {
                Rationale = decision.Rationale.Add(string.Create(CultureInfo.InvariantCulture, $"node snapshot refresh failed: decided on the last good snapshot, {age.TotalMilliseconds:F0} ms old")),
            };
        }

        if (_experiment is not null)
        {
            decision = decision with { Policy = policyName };
        }

        var now = Time.GetUtcNow();
        decisions.Remember(request, decision, now, _options.CachedDecisionCapacity);
        await PreDeployHotModels(request, now);
        await Log(request, decision, now);
        return decision;
    }

    private Task Log(InferenceRequest request, RouteDecision decision, DateTimeOffset now) =>
        GrainFactory.GetGrain<IDecisionLogGrain>(RoutingKeys.DecisionLog(request.TenantId, now))
            .Append(new DecisionRecord { RequestId = request.RequestId, DecidedAt = now, Decision = decision });

    // Graceful degradation: a failed refresh with a snapshot in hand keeps the old one (returning its age); the next
    // attempt waits one refresh interval so a down grain is not called on every request. With no snapshot yet there is
    // no snapshot to fall back on: the failure goes to Route, which reuses a cached decision or leaves it to the caller.
    private async Task<TimeSpan?> RefreshOrKeepLastGood(string requestId)
    {
        try
        {
            await RefreshIfStale();
        }
        catch (Exception error) when (_snapshotTakenAt is not null && error is not OperationCanceledException)
        {
            _refreshedAt = Time.GetUtcNow();
            LogSnapshotRefreshFailed(logger, error.GetType().Name, requestId);
        }

        var age = Time.GetUtcNow() - _snapshotTakenAt;
        return _snapshotTakenAt != _refreshedAt ? age : null;
    }

    private async Task RefreshIfStale()
    {
        var now = Time.GetUtcNow();
        if (_refreshedAt is { } at && now - at < _options.SnapshotRefreshInterval)
        {
            return;
        }

        var ids = await GrainFactory.GetGrain<INodeDirectoryGrain>(RoutingKeys.Directory).Nodes();
        var snapshots = Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IResourceGrain>(id).Snapshot()));
        var breakers = Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<ICircuitBreakerGrain>(id).Status()));
        var caches = Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<ICacheGrain>(id).Status()));
        var learning = GrainFactory.GetGrain<IMonitorGrain>(RoutingKeys.Monitor).Learned();
        var tiers = Task.WhenAll(BreakerTiers.Select(t => GrainFactory.GetGrain<ICircuitBreakerGrain>(RoutingKeys.TierBreaker(t)).Status()));
        await Task.WhenAll(snapshots, breakers, caches, learning, tiers);
        _tierBreakers = tiers.Result;
        var learned = learning.Result.Nodes.ToDictionary(n => n.NodeId, StringComparer.Ordinal);

        var nodes = new List<NodeSnapshot>(ids.Length);
        var states = new List<BreakerStatus>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (snapshots.Result[i] is { } node)
            {
                // The cache is the ledger of warm models: it folds in the heartbeats and adds deploys and evictions.
                // The monitor's learning scales the node's latency estimate and takes its error rate off its reliability.
                var lesson = learned.GetValueOrDefault(node.NodeId);
                nodes.Add(node with
                {
                    WarmModels = caches.Result[i].Warm,
                    LatencyFactor = lesson?.LatencyFactor ?? 1,
                    ErrorRate = lesson?.ErrorRate ?? 0,
                });
                states.Add(breakers.Result[i]);
            }
        }

        _experiment = learning.Result.Experiment;
        var scale = learning.Result.SafetyScale;
        _controlModel = Scaled(RoutingModel.Default, scale);
        _experimentModel = _experiment is { } experiment ? Scaled(RoutingModel.Default with { Weights = experiment.Weights }, scale) : null;
        _nodes = [.. nodes];
        _breakers = [.. states];
        _refreshedAt = now;
        _snapshotTakenAt = now;
    }

    // A model that keeps arriving cold where an edge node near its requests could host it is worth loading there: the
    // router asks that node's cache to deploy it once the demand in the window reaches the threshold.
    private async Task PreDeployHotModels(InferenceRequest request, DateTimeOffset now)
    {
        if (now - _demandWindowStart >= _options.PreDeployWindow)
        {
            _coldDemand.Clear();
            _demandWindowStart = now;
        }

        List<string>? deploy = null;
        foreach (var node in _nodes)
        {
            if (node.Tier == ComputeTier.Edge
                && node.Health == NodeHealth.Healthy
                && string.Equals(node.Cell, request.Cell, StringComparison.Ordinal)
                && node.HostedModels.Contains(request.RequiredModel, StringComparer.Ordinal)
                && !node.WarmModels.Contains(request.RequiredModel, StringComparer.Ordinal))
            {
                var key = (node.NodeId, request.RequiredModel);
                var count = _coldDemand.GetValueOrDefault(key) + 1;
                _coldDemand[key] = count;
                if (count == _options.PreDeployAfterRequests)
                {
                    (deploy ??= []).Add(node.NodeId);
                }
            }
        }

        if (deploy is not null)
        {
            await Task.WhenAll(deploy.Select(id => GrainFactory.GetGrain<ICacheGrain>(id).Deploy(request.RequiredModel)));
        }
    }

    private NodeSnapshot[] View(InferenceRequest request, bool admitAll, out int heldBack)
    {
        heldBack = 0;
        var view = new NodeSnapshot[_nodes.Length];
        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            var breaker = _breakers[i];
            var state = breaker.State;
            if (state != BreakerState.Open && breaker.AdmitFraction < 1 && !admitAll && !Admitted(request.RequestId, node.NodeId, breaker.AdmitFraction))
            {
                state = BreakerState.Open;
                heldBack++;
            }

            // A tier's breaker gates every node of the tier the same way; the node's own breaker state is kept otherwise.
            if (state != BreakerState.Open && TierBreaker(node.Tier) is { } tier)
            {
                if (tier.State == BreakerState.Open)
                {
                    state = BreakerState.Open;
                }
                else if (tier.AdmitFraction < 1 && !admitAll && !Admitted(request.RequestId, RoutingKeys.TierBreaker(node.Tier), tier.AdmitFraction))
                {
                    state = BreakerState.Open;
                    heldBack++;
                }
                else if (tier.State == BreakerState.HalfOpen)
                {
                    state = BreakerState.HalfOpen;
                }
            }

            view[i] = node.Breaker == state ? node : node with { Breaker = state };
        }

        return view;
    }

    // The A/B split: a stable hash of the request id, so that a retried request stays in its arm.
    private (RoutingModel Model, string Policy) PolicyFor(string requestId) =>
        _experiment is { } experiment && _experimentModel is { } model && Admitted(requestId, ExperimentSalt, experiment.Fraction)
            ? (model, experiment.Name)
            : (_controlModel, RoutingExperiment.ControlPolicy);

    // The monitor's learned margin: the same weights, with safety factors narrowed while SLAs are being missed.
    private static RoutingModel Scaled(RoutingModel model, double scale) =>
        scale >= 1 ? model : model with
        {
            Weights = model.Weights with
            {
                SlaSafetyFactor = model.Weights.SlaSafetyFactor * scale,
                CriticalSlaSafetyFactor = model.Weights.CriticalSlaSafetyFactor * scale,
            },
        };

    private BreakerStatus? TierBreaker(ComputeTier tier)
    {
        var at = Array.IndexOf(BreakerTiers, tier);
        return at >= 0 && at < _tierBreakers.Length ? _tierBreakers[at] : null;
    }

    private static bool Admitted(string requestId, string nodeId, double fraction)
    {
        var hash = StableHash.Combine(StableHash.Of(requestId), StableHash.Of(nodeId));
        return (hash >> (64 - FractionBits)) * UnitScale < fraction;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Planner unavailable ({ErrorType}) at request {RequestId}: reused a cached decision for the same request shape")]
    private static partial void LogCachedDecision(ILogger logger, string errorType, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node snapshot refresh failed ({ErrorType}) at request {RequestId}: routing on the last good snapshot")]
    private static partial void LogSnapshotRefreshFailed(ILogger logger, string errorType, string requestId);
}
