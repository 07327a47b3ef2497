using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// One node's breaker, on Polly v8 and the silo clock. Outcomes are replayed through a Polly circuit breaker, which
/// opens on the failure ratio, lets a probe through once the break has passed (half-open) and closes on a good probe.
/// On top, traffic returns gradually: the admit fraction rises from the ramp's initial share to 1 after the breaker closes.
/// Breaker state is soft: a new activation starts closed, as a restarted router would.
/// </summary>
public sealed class CircuitBreakerGrain(IOptions<RoutingGrainOptions> options) : Grain, ICircuitBreakerGrain
{
    private readonly RoutingGrainOptions _options = options.Value;
    private readonly CircuitBreakerStateProvider _polly = new();
    private ResiliencePipeline<bool>? _pipeline;
    private DateTimeOffset? _openedAt;
    private DateTimeOffset? _closedAt;
    private DateTimeOffset? _changedAt;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = Time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
            {
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakerBreakDuration,
                StateProvider = _polly,
                // The replayed result is "the call failed".
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result),
            })
            .Build();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<BreakerStatus> Record(RouteOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var failed = !outcome.Succeeded || outcome.LatencyMs > _options.SlowCallMs;
        var before = _polly.CircuitState;
        var counted = true;
        try
        {
            _pipeline!.Execute(static failed => failed, failed);
        }
        catch (BrokenCircuitException)
        {
            // A late outcome while the circuit is open: the break already accounts for the node's failures.
            counted = false;
        }

        var after = _polly.CircuitState;

        // A counted outcome on an open circuit was the half-open probe; if it failed, the circuit is open again from now.
        var reopened = counted && before == CircuitState.Open && after == CircuitState.Open;
        if (after != before || reopened)
        {
            var now = Time.GetUtcNow();
            _changedAt = now;
            if (after == CircuitState.Open)
            {
                _openedAt = now;
                _closedAt = null;
            }
            else if (after == CircuitState.Closed)
            {
                _closedAt = now;
            }
        }

        return Status();
    }

    /// <inheritdoc />
    public Task<BreakerStatus> Status()
    {
        var now = Time.GetUtcNow();
        var nodeId = GetPrimaryKeyString();
        var status = _polly.CircuitState switch
        {
            // Polly moves to half-open lazily, on the next call after the break; report it as soon as the break has passed.
            CircuitState.Open or CircuitState.Isolated when _openedAt is { } opened && now - opened >= _options.BreakerBreakDuration
                => new BreakerStatus { NodeId = nodeId, State = BreakerState.HalfOpen, AdmitFraction = _options.HalfOpenAdmitFraction, ChangedAt = opened + _options.BreakerBreakDuration },
            CircuitState.Open or CircuitState.Isolated
                => new BreakerStatus { NodeId = nodeId, State = BreakerState.Open, AdmitFraction = 0, ChangedAt = _changedAt },
            CircuitState.HalfOpen
                => new BreakerStatus { NodeId = nodeId, State = BreakerState.HalfOpen, AdmitFraction = _options.HalfOpenAdmitFraction, ChangedAt = _changedAt },
            _ => new BreakerStatus { NodeId = nodeId, State = BreakerState.Closed, AdmitFraction = Ramp(now), ChangedAt = _changedAt },
        };
        return Task.FromResult(status);
    }

    private double Ramp(DateTimeOffset now)
    {
        if (_closedAt is not { } closed || _options.RampDuration <= TimeSpan.Zero)
        {
            return 1;
        }

        var progress = (now - closed) / _options.RampDuration;
        return progress >= 1 ? 1 : _options.RampInitialFraction + ((1 - _options.RampInitialFraction) * progress);
    }
}
