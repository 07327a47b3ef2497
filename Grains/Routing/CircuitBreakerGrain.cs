using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// One breaker (a node's, a tier's or an external service's; see <see cref="RoutingKeys"/>), on Polly v8 and the silo
/// clock. Outcomes are replayed through a Polly circuit breaker, which opens on the failure ratio, lets a probe through
/// once the break has passed (half-open) and closes on a good probe. On top, traffic returns gradually: the admit fraction
/// rises from the ramp's initial share to 1 after the breaker closes. Open-since and closed-since are stored, so a breaker
/// that is open stays open (with the rest of its break) and a ramp goes on across deactivation.
/// </summary>
public sealed class CircuitBreakerGrain(
    [PersistentState("breaker")] IPersistentState<CircuitBreakerState> state,
    IOptions<RoutingGrainOptions> options) : Grain, ICircuitBreakerGrain
{
    private readonly RoutingGrainOptions _options = options.Value;
    private readonly CircuitBreakerStateProvider _polly = new();
    private ResiliencePipeline<bool>? _pipeline;
    private DateTimeOffset? _restoredBreakEnds;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var minimumThroughput = RoutingKeys.IsTierBreaker(GetPrimaryKeyString()) ? _options.TierBreakerMinimumThroughput : _options.BreakerMinimumThroughput;
        _pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = Time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
            {
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = minimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakerBreakDuration,
                BreakDurationGenerator = BreakDuration,
                StateProvider = _polly,
                // The replayed result is "the call failed".
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result),
            })
            .Build();

        // A breaker stored open is opened again, for what is left of its break: replaying enough failures trips Polly,
        // and the break-duration generator shortens that one break to end when the stored one would have.
        if (state.State.OpenedAt is { } opened)
        {
            _restoredBreakEnds = opened + _options.BreakerBreakDuration;
            for (var i = 0; i < minimumThroughput; i++)
            {
                _pipeline.Execute(static () => true);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<BreakerStatus> Record(RouteOutcome outcome)
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
            state.State.ChangedAt = now;
            if (after == CircuitState.Open)
            {
                state.State.OpenedAt = now;
                state.State.ClosedAt = null;
            }
            else if (after == CircuitState.Closed)
            {
                state.State.OpenedAt = null;
                state.State.ClosedAt = now;
            }

            await state.WriteStateAsync();
        }

        return await Status();
    }

    /// <inheritdoc />
    public Task<BreakerStatus> Status()
    {
        var now = Time.GetUtcNow();
        var nodeId = GetPrimaryKeyString();
        var status = _polly.CircuitState switch
        {
            // Polly moves to half-open lazily, on the next call after the break; report it as soon as the break has passed.
            CircuitState.Open or CircuitState.Isolated when state.State.OpenedAt is { } opened && now - opened >= _options.BreakerBreakDuration
                => new BreakerStatus { NodeId = nodeId, State = BreakerState.HalfOpen, AdmitFraction = _options.HalfOpenAdmitFraction, ChangedAt = opened + _options.BreakerBreakDuration },
            CircuitState.Open or CircuitState.Isolated
                => new BreakerStatus { NodeId = nodeId, State = BreakerState.Open, AdmitFraction = 0, ChangedAt = state.State.ChangedAt },
            CircuitState.HalfOpen
                => new BreakerStatus { NodeId = nodeId, State = BreakerState.HalfOpen, AdmitFraction = _options.HalfOpenAdmitFraction, ChangedAt = state.State.ChangedAt },
            _ => new BreakerStatus { NodeId = nodeId, State = BreakerState.Closed, AdmitFraction = Ramp(now), ChangedAt = state.State.ChangedAt },
        };
        return Task.FromResult(status);
    }

    private ValueTask<TimeSpan> BreakDuration(BreakDurationGeneratorArguments args)
    {
        if (_restoredBreakEnds is { } ends)
        {
            _restoredBreakEnds = null;
            var left = ends - Time.GetUtcNow();
            return ValueTask.FromResult(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        return ValueTask.FromResult(_options.BreakerBreakDuration);
    }

    private double Ramp(DateTimeOffset now)
    {
        if (state.State.ClosedAt is not { } closed || _options.RampDuration <= TimeSpan.Zero)
        {
            return 1;
        }

        var progress = (now - closed) / _options.RampDuration;
        return progress >= 1 ? 1 : _options.RampInitialFraction + ((1 - _options.RampInitialFraction) * progress);
    }
}
