namespace Reroute.Interfaces.Routing;

/// <summary>
/// Classifies inference requests (stateless worker, key "default"): class, complexity, confidence and resource needs from
/// the fast deterministic classifier, with a reasoning engine consulted only when the classifier is unsure and the SLA
/// leaves time for it.
/// </summary>
public interface IContextGrain : IGrainWithStringKey
{
    /// <summary>The request's profile; <see cref="RequestProfile.Source"/> says whether the reasoning engine decided it.</summary>
    /// <exception cref="ArgumentException">The request is invalid (the parameter name names the field).</exception>
    Task<RequestProfile> Classify(InferenceRequest request);
}
