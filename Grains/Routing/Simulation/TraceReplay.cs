using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing.Simulation;

/// <summary>
/// Discrete-event replay of a trace through a simulated device/edge/cloud topology under one routing policy, in virtual
/// time (nothing sleeps). Pure and deterministic: the same trace, options and policy give the same result.
/// </summary>
public static class TraceReplay
{
    private const string CloudNodeId = "cloud-1";
    private const int DeviceTarget = -1;
    private const int NoTarget = -2;
    private const double Half = 0.5;
    private const double P50 = 0.50;
    private const double P99 = 0.99;
    private const double PerThousand = 1_000;
    private const double BitsPerByte = 8;
    private const double BitsPerMegabitPerMs = 1_000;

    /// <summary>Replays <paramref name="trace"/> with every policy.</summary>
    public static ImmutableArray<ReplayResult> RunAll(IReadOnlyList<TraceRecord> trace, SimulationOptions options) =>
        [.. Enum.GetValues<ReplayPolicy>().Select(p => Run(trace, p, options))];

    /// <summary>Replays <paramref name="trace"/> at <see cref="SimulationOptions.Load"/> under one policy.</summary>
    public static ReplayResult Run(IReadOnlyList<TraceRecord> trace, ReplayPolicy policy, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Load > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Load must be positive.");
        }

        var requests = WorkloadGenerator.Generate(trace, options);
        if (requests.Length == 0)
        {
            return new ReplayResult { Policy = policy, Load = options.Load };
        }

        var span = requests[^1].TraceArrivalMs / options.Load;
        var nodes = BuildNodes(options, span);
        var run = new ReplayRun(requests, nodes, policy, options);
        return run.Execute();
    }

    /// <summary>The nodes of the simulated topology as a router first sees them: one edge node per cell and one cloud node.</summary>
    public static ImmutableArray<NodeSnapshot> Topology(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ImmutableArray<PrivacyLevel> all = [PrivacyLevel.Public, PrivacyLevel.Internal, PrivacyLevel.Phi];
        var builder = ImmutableArray.CreateBuilder<NodeSnapshot>(options.Cells + 1);
        for (var cell = 1; cell <= options.Cells; cell++)
        {
            var hub = cell == options.HubCell;
            builder.Add(new NodeSnapshot
            {
                NodeId = "edge-" + SimNode.CellName(cell),
                Tier = ComputeTier.Edge,
                Region = options.Region,
                Cell = SimNode.CellName(cell),
                RttMs = options.EdgeRttMs,
                Capacity = hub ? options.HubCapacity : options.EdgeCapacity,
                SpeedFactor = options.EdgeSpeedFactor,
                MemoryGb = hub ? options.HubMemoryGb : options.EdgeMemoryGb,
                CostPer1kTokens = options.EdgeCostPer1kTokens,
                HostedModels = hub ? options.HubModels : options.EdgeModels,
                WarmModels = hub ? options.HubModels : options.EdgeModels,
                CertifiedPrivacy = all,
                ComplianceTags = [options.PhiComplianceTag],
            });
        }

        builder.Add(new NodeSnapshot
        {
            NodeId = CloudNodeId,
            Tier = ComputeTier.Cloud,
            Region = options.Region,
            RttMs = options.CloudRttMedianMs,
            Capacity = options.CloudCapacity,
            SpeedFactor = options.CloudSpeedFactor,
            MemoryGb = options.CloudMemoryGb,
            CostPer1kTokens = options.CloudCostPer1kTokens,
            HostedModels = [.. options.Models.Select(m => m.Name)],
            WarmModels = [.. options.Models.Select(m => m.Name)],
            CertifiedPrivacy = all,
            ComplianceTags = [options.PhiComplianceTag],
        });
        return builder.MoveToImmutable();
    }

    private static SimNode[] BuildNodes(SimulationOptions options, double span) =>
        [.. Topology(options).Select(spec => new SimNode(spec, options.Faults, span, options))];

    /// <summary>The privacy audit, written apart from the router's filter so that it checks the router rather than repeats it.</summary>
    private static bool Violates(SimRequest request, ComputeTier tier, string nodeId) =>
        request.Request.Privacy == PrivacyLevel.Phi
        && !request.Tenant.PhiApprovedTiers.Contains(tier)
        && !request.Tenant.PhiApprovedNodes.Contains(nodeId);

    private readonly record struct Attempt(int Request, int Target, int Backup, double TimeoutMs, bool IsRetry);

    private sealed class ReplayRun(SimRequest[] requests, SimNode[] nodes, ReplayPolicy policy, SimulationOptions options)
    {
        private readonly NodeSnapshot[] _snapshots = new NodeSnapshot[nodes.Length];
        private readonly double[] _latency = new double[requests.Length];
        private readonly bool[] _met = new bool[requests.Length];
        private readonly bool[] _violated = new bool[requests.Length];
        private readonly ComputeTier?[] _servedOn = new ComputeTier?[requests.Length];
        private readonly Random _random = new(options.Seed);
        private int _roundRobin;
        private double _cost;
        private int _failed;

        public ReplayResult Execute()
        {
            var events = new PriorityQueue<Attempt, (double Time, long Sequence)>();
            long sequence = 0;
            for (var i = 0; i < requests.Length; i++)
            {
                events.Enqueue(new Attempt(i, NoTarget, NoTarget, 0, false), (requests[i].TraceArrivalMs / options.Load, sequence++));
            }

            while (events.TryDequeue(out var attempt, out var at))
            {
                var now = at.Time;
                foreach (var node in nodes)
                {
                    node.Advance(now);
                }

                if (!attempt.IsRetry)
                {
                    attempt = Choose(attempt.Request, now);
                    if (attempt.Target == NoTarget)
                    {
                        Fail(attempt.Request, now);
                        continue;
                    }
                }

                var retry = Execute(attempt, now);
                if (retry is { } next)
                {
                    events.Enqueue(next.Attempt, (next.At, sequence++));
                }
            }

            return Summarize();
        }

        private (Attempt Attempt, double At)? Execute(Attempt attempt, double now)
        {
            var request = requests[attempt.Request];
            var r = request.Request;
            var arrival = request.TraceArrivalMs / options.Load;
            var profile = WorkloadGenerator.Find(options.Models, r.RequiredModel);
            var serviceMs = WorkloadGenerator.ServiceMs(profile, r.InputTokens, request.ActualOutputTokens) * request.ServiceNoise;

            if (attempt.Target == DeviceTarget)
            {
                _violated[attempt.Request] |= Violates(request, ComputeTier.Device, RoutePlanner.DeviceNodeId);
                Complete(attempt.Request, now + serviceMs / request.DeviceSpeed - arrival, ComputeTier.Device, 0);
                return null;
            }

            var node = nodes[attempt.Target];
            _violated[attempt.Request] |= Violates(request, node.Tier, node.Id);
            var rtt = r.Network.RttMs + (node.Tier == ComputeTier.Cloud ? request.CloudRttMs : options.EdgeRttMs)
                + (node.Tier == ComputeTier.Edge && !string.Equals(node.Cell, r.Cell, StringComparison.Ordinal) ? options.CrossCellRttMs : 0);
            var upload = r.Network.BandwidthMbps > 0 ? r.InputTokens * options.RoutingModel.Latency.BytesPerTextToken * BitsPerByte / (r.Network.BandwidthMbps * BitsPerMegabitPerMs) : 0;
            var expectedMs = WorkloadGenerator.ServiceMs(profile, r.InputTokens, r.ExpectedOutputTokens);
            var end = node.Dispatch(now + upload + rtt * Half, r.RequiredModel, profile.ColdStartMs, serviceMs, expectedMs);
            if (end is { } e)
            {
                var done = e + rtt * Half;
                node.RecordSuccess(done);
                var cost = (r.InputTokens + request.ActualOutputTokens) / PerThousand * node.CostPer1kTokens;
                Complete(attempt.Request, done - arrival, node.Tier, cost);
                return null;
            }

            // The caller only learns of the failure when its timeout fires; then it fails over if the plan has a backup.
            var noticed = now + attempt.TimeoutMs;
            if (policy == ReplayPolicy.Reroute)
            {
                node.RecordFailureSeen(noticed);
            }

            if (!attempt.IsRetry && attempt.Backup != NoTarget)
            {
                return (attempt with { Target = attempt.Backup, Backup = NoTarget, IsRetry = true }, noticed + options.RoutingModel.Weights.RetryBackoffBaseMs);
            }

            Fail(attempt.Request, noticed);
            return null;
        }

        private void Complete(int index, double latency, ComputeTier tier, double cost)
        {
            _latency[index] = latency;
            _met[index] = latency <= requests[index].Request.LatencySlaMs;
            _servedOn[index] = tier;
            _cost += cost;
        }

        private void Fail(int index, double at)
        {
            var request = requests[index];
            _latency[index] = Math.Max(at - request.TraceArrivalMs / options.Load, request.Request.LatencySlaMs);
            _met[index] = false;
            _failed++;
        }

        private Attempt Choose(int index, double now)
        {
            var request = requests[index];
            for (var i = 0; i < nodes.Length; i++)
            {
                _snapshots[i] = nodes[i].Snapshot(now, withBreaker: policy == ReplayPolicy.Reroute);
            }

            var r = request.Request;
            var sla = r.LatencySlaMs;
            return policy switch
            {
                ReplayPolicy.Reroute => Planned(index, request),
                ReplayPolicy.Random => Single(index, PickRandom(r), sla),
                ReplayPolicy.RoundRobin => Single(index, PickRoundRobin(r), sla),
                ReplayPolicy.LeastLoaded => Single(index, PickLeastLoaded(r), sla),
                ReplayPolicy.AlwaysCloud => Single(index, IndexOf(CloudNodeId), sla),
                ReplayPolicy.NearestMec => Single(index, PickNearest(r), sla),
                ReplayPolicy.AlwaysCloudCompliant => Single(index, PickCloudOrAllowedEdge(request), sla),
                _ => throw new ArgumentOutOfRangeException(nameof(policy)),
            };
        }

        private Attempt Planned(int index, SimRequest request)
        {
            var profile = RequestClassifier.Classify(request.Request, options.RoutingModel, options.Classifier);
            var decision = RoutePlanner.Plan(request.Request, profile, _snapshots, request.Tenant, options.RoutingModel);
            if (decision.Status != RouteStatus.Routed)
            {
                return new Attempt(index, NoTarget, NoTarget, 0, false);
            }

            return new Attempt(index, TargetOf(decision.NodeId), TargetOf(decision.BackupNodeId), decision.TimeoutMs, false);
        }

        // Baselines have no plan: they wait the whole SLA for an answer and do not fail over.
        private static Attempt Single(int index, int target, double sla) => new(index, target, NoTarget, sla, false);

        private int TargetOf(string? nodeId) =>
            nodeId is null ? NoTarget
            : string.Equals(nodeId, RoutePlanner.DeviceNodeId, StringComparison.Ordinal) ? DeviceTarget
            : IndexOf(nodeId);

        private int IndexOf(string nodeId)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                if (string.Equals(nodes[i].Id, nodeId, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return NoTarget;
        }

        // Baselines know what a plain load balancer knows: which nodes host the model and which fail their health checks.
        private bool Serves(int i, InferenceRequest r) =>
            _snapshots[i].Health != NodeHealth.Unhealthy && _snapshots[i].HostedModels.Contains(r.RequiredModel);

        private int PickRandom(InferenceRequest r)
        {
            var count = 0;
            for (var i = 0; i < nodes.Length; i++)
            {
                count += Serves(i, r) ? 1 : 0;
            }

            return count == 0 ? NoTarget : Nth(r, _random.Next(count));
        }

        private int PickRoundRobin(InferenceRequest r)
        {
            var count = 0;
            for (var i = 0; i < nodes.Length; i++)
            {
                count += Serves(i, r) ? 1 : 0;
            }

            return count == 0 ? NoTarget : Nth(r, _roundRobin++ % count);
        }

        private int Nth(InferenceRequest r, int n)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                if (Serves(i, r) && n-- == 0)
                {
                    return i;
                }
            }

            return NoTarget;
        }

        private int PickLeastLoaded(InferenceRequest r)
        {
            var best = NoTarget;
            var bestLoad = double.PositiveInfinity;
            for (var i = 0; i < nodes.Length; i++)
            {
                if (Serves(i, r))
                {
                    var s = _snapshots[i];
                    var load = (s.InFlight + s.QueueDepth) / (double)s.Capacity;
                    if (load < bestLoad)
                    {
                        best = i;
                        bestLoad = load;
                    }
                }
            }

            return best;
        }

        private int PickNearest(InferenceRequest r)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                if (nodes[i].Tier == ComputeTier.Edge && string.Equals(nodes[i].Cell, r.Cell, StringComparison.Ordinal) && Serves(i, r))
                {
                    return i;
                }
            }

            return IndexOf(CloudNodeId);
        }

        // The cloud when the tenant allows it; otherwise an approved, serving edge node, the request's own cell first.
        private int PickCloudOrAllowedEdge(SimRequest request)
        {
            if (!Violates(request, ComputeTier.Cloud, CloudNodeId))
            {
                return IndexOf(CloudNodeId);
            }

            var r = request.Request;
            var fallback = NoTarget;
            for (var i = 0; i < nodes.Length; i++)
            {
                if (nodes[i].Tier == ComputeTier.Edge && Serves(i, r) && !Violates(request, ComputeTier.Edge, nodes[i].Id))
                {
                    if (string.Equals(nodes[i].Cell, r.Cell, StringComparison.Ordinal))
                    {
                        return i;
                    }

                    fallback = fallback == NoTarget ? i : fallback;
                }
            }

            return fallback;
        }

        private ReplayResult Summarize()
        {
            var sorted = (double[])_latency.Clone();
            Array.Sort(sorted);
            var n = requests.Length;
            var interactive = Enumerable.Range(0, n).Where(i => requests[i].Interactive).ToArray();
            return new ReplayResult
            {
                Policy = policy,
                Load = options.Load,
                Requests = n,
                SlaAttainment = _met.Count(m => m) / (double)n,
                CompliantSlaAttainment = Enumerable.Range(0, n).Count(i => _met[i] && !_violated[i]) / (double)n,
                P50Ms = Percentile(sorted, P50),
                P99Ms = Percentile(sorted, P99),
                CostPer1k = _cost / n * PerThousand,
                PrivacyViolations = _violated.Count(v => v),
                MissesCloudAllowed = Enumerable.Range(0, n).Count(i => !_met[i] && !Violates(requests[i], ComputeTier.Cloud, CloudNodeId)),
                InteractiveRequests = interactive.Length,
                InteractiveSlaAttainment = interactive.Length == 0 ? 1 : interactive.Count(i => _met[i]) / (double)interactive.Length,
                Failed = _failed,
                DeviceShare = _servedOn.Count(t => t == ComputeTier.Device) / (double)n,
                EdgeShare = _servedOn.Count(t => t == ComputeTier.Edge) / (double)n,
                CloudShare = _servedOn.Count(t => t == ComputeTier.Cloud) / (double)n,
            };
        }

        // Nearest rank: the smallest value with at least the given share of values at or below it.
        private static double Percentile(double[] sorted, double share) =>
            sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
