using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// Classifies requests with <see cref="RequestClassifier"/> (microseconds, no I/O). Only when it is unsure and the SLA
/// leaves time does the grain ask the reasoning engine, bounded by <see cref="RoutingGrainOptions.ReasoningTimeout"/>;
/// an engine that fails, hangs or answers nonsense leaves the classifier's answer standing, so routing never waits on it
/// for longer than that.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed partial class ContextGrain(IChatClient reasoner, IOptions<RoutingGrainOptions> options, ILogger<ContextGrain> logger) : Grain, IContextGrain
{
    private static readonly ChatOptions Deterministic = new() { Temperature = 0 };

    private readonly RoutingGrainOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<RequestProfile> Classify(InferenceRequest request)
    {
        RoutingValidation.Request(request);
        var profile = RequestClassifier.Classify(request, RoutingModel.Default);
        if (!NeedsReasoning(request, profile))
        {
            return profile;
        }

        // The engine is an external service with a breaker of its own: while it is open, the classifier answers alone.
        var breaker = GrainFactory.GetGrain<ICircuitBreakerGrain>(RoutingKeys.ServiceBreaker(RoutingKeys.ReasoningService));
        if ((await breaker.Status()).State == BreakerState.Open)
        {
            return profile with { Source = ClassificationSource.ReasonerUnavailable };
        }

        var started = Time.GetTimestamp();
        var usable = false;
        var reasoned = profile;
        using var timeout = new CancellationTokenSource(_options.ReasoningTimeout, Time);
        try
        {
            var response = await reasoner.GetResponseAsync(ClassificationPrompt.Build(request, profile, ClassifierOptions.Default), Deterministic, timeout.Token);
            usable = ClassificationPrompt.TryApply(response.Text, profile, out reasoned);
            if (!usable)
            {
                LogUnreadable(logger, request.RequestId);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogTimedOut(logger, request.RequestId, _options.ReasoningTimeout);
        }
#pragma warning disable CA1031 // Any failure of an external engine must degrade to the classifier, never fail the route.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogFailed(logger, request.RequestId, error.GetType().Name);
        }

        await Count(breaker, request, usable, started);
        return usable ? reasoned : profile with { Source = ClassificationSource.ReasonerUnavailable };
    }

    private Task Count(ICircuitBreakerGrain breaker, InferenceRequest request, bool succeeded, long started) =>
        breaker.Record(new RouteOutcome
        {
            RequestId = request.RequestId,
            NodeId = RoutingKeys.ReasoningService,
            Succeeded = succeeded,
            LatencyMs = Time.GetElapsedTime(started).TotalMilliseconds,
        });

    private bool NeedsReasoning(InferenceRequest request, RequestProfile profile) =>
        profile.Confidence < _options.ReasoningConfidenceThreshold
        && request.LatencySlaMs - profile.Needs.ExpectedServiceMs >= _options.ReasoningMinSlackMs;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reasoning engine gave no usable classification for request {RequestId}: classifier's answer used")]
    private static partial void LogUnreadable(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reasoning engine did not answer within {Timeout} for request {RequestId}: classifier's answer used")]
    private static partial void LogTimedOut(ILogger logger, string requestId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reasoning engine failed ({ErrorType}) for request {RequestId}: classifier's answer used")]
    private static partial void LogFailed(ILogger logger, string requestId, string errorType);
}
