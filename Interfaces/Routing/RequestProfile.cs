namespace Reroute.Interfaces.Routing;

/// <summary>The classifier's view of a request: class, complexity, how sure it is, and what serving it takes.</summary>
public sealed record RequestProfile
{
    /// <summary>The routing class.</summary>
    public RequestClass Class { get; init; }

    /// <summary>Complexity from 0 (trivial) to 1 (the heaviest requests).</summary>
    public double Complexity { get; init; }

    /// <summary>How sure the classifier is, 0..1: low near a class boundary or when inputs are missing.</summary>
    public double Confidence { get; init; }

    /// <summary>Whether the required model is in the routing model's catalog (if not, a fallback profile was used).</summary>
    public bool ModelKnown { get; init; }

    /// <summary>Who decided the class: the classifier alone, or the reasoning engine it consulted.</summary>
    public ClassificationSource Source { get; init; } = ClassificationSource.Classifier;

    /// <summary>What serving the request takes.</summary>
    public ResourceNeeds Needs { get; init; } = new();
}
