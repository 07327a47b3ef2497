using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>The scorer's estimate for one candidate: latency by part, cost, reliability and the resulting score.</summary>
/// <param name="Tier">The candidate's tier.</param>
/// <param name="NetworkMs">Round trips plus upload time.</param>
/// <param name="QueueMs">Expected wait for a free slot.</param>
/// <param name="ServiceMs">Expected service time with the model warm.</param>
/// <param name="ColdStartMs">Model load time where the model is not warm, else 0.</param>
/// <param name="LatencyMs">The sum: expected end-to-end latency.</param>
/// <param name="PessimisticLatencyMs">The sum with each uncertain part raised by its relative error: what the SLA must still hold.</param>
/// <param name="Cost">Expected cost in dollars.</param>
/// <param name="Reliability">0..1 from health, breaker and model warmth.</param>
/// <param name="MeetsSla">Whether the latency fits the SLA with the safety margin and the pessimistic latency fits the SLA.</param>
/// <param name="Score">The multi-criteria score; higher is better.</param>
public readonly record struct RouteEstimate(
    ComputeTier Tier,
    double NetworkMs,
    double QueueMs,
    double ServiceMs,
    double ColdStartMs,
    double LatencyMs,
    double PessimisticLatencyMs,
    double Cost,
    double Reliability,
    bool MeetsSla,
    double Score)
{
    /// <summary>Whether the model was warm (no cold start).</summary>
    public bool Warm => ColdStartMs <= 0;
}
