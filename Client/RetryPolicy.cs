using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Reroute.Client;

/// <summary>
/// Which failures are worth another attempt, how long to wait, and the pipeline that applies it: a per-attempt
/// timeout inside exponential, jittered retries.
/// </summary>
internal sealed class RetryPolicy
{
    /// <summary>Whether the call may be repeated at all: a read, or a write carrying an idempotency key.</summary>
    public static readonly ResiliencePropertyKey<bool> Retryable = new("Reroute.Retryable");

    /// <summary>Statuses that answer the call's question (e.g. 503 from <c>/ready</c>), so are neither retried nor failures.</summary>
    public static readonly ResiliencePropertyKey<IReadOnlySet<HttpStatusCode>> Answers = new("Reroute.Answers");

    // Statuses that say "not now" rather than "not this": the same request may well succeed later. 500 is not here:
    // it usually means a bug the same request will hit again.
    private static readonly HashSet<HttpStatusCode> TransientStatuses =
    [
        HttpStatusCode.RequestTimeout,
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    private readonly TimeSpan _maxRetryDelay;
    private readonly TimeProvider _timeProvider;

    private RetryPolicy(TimeSpan maxRetryDelay, TimeProvider timeProvider)
    {
        _maxRetryDelay = maxRetryDelay;
        _timeProvider = timeProvider;
    }

    public static ResiliencePipeline<HttpResponseMessage> Build(RerouteClientOptions options)
    {
        var policy = new RetryPolicy(options.MaxRetryDelay, options.TimeProvider);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                // Many EHR integration workers retrying in lock-step would hit a recovering silo all at once.
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(policy.ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? policy.RetryAfter(response) : null),
            });
        }

        // Inside the retry, so the timeout bounds each attempt and a hung attempt is retried like a failed one.
        builder.AddTimeout(options.Timeout);
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (!context.Properties.GetValue(Retryable, false))
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException or TimeoutRejectedException => true,
                // HttpClient.Timeout of a caller-supplied client; the caller's own cancellation is never retried.
                TaskCanceledException { InnerException: TimeoutException } => !context.CancellationToken.IsCancellationRequested,
                _ => false,
            };
        }

        var response = outcome.Result!;
        if (!TransientStatuses.Contains(response.StatusCode)
            || (context.Properties.TryGetValue(Answers, out var answers) && answers.Contains(response.StatusCode)))
        {
            return false;
        }

        // A server asking for a longer pause than the caller allows gets its answer passed on instead of waited out.
        return RetryAfter(response) is not { } wait || wait <= _maxRetryDelay;
    }

    /// <summary>The pause the response asks for with <c>Retry-After</c> (seconds or an HTTP date); null when it asks for none.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - _timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
