using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>Who decided a request's class: the fast classifier alone, or the reasoning engine it consulted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClassificationSource>))]
public enum ClassificationSource
{
    /// <summary>The deterministic classifier, confident enough (or without time to ask).</summary>
    Classifier,

    /// <summary>The classifier was unsure and the SLA left time: the reasoning engine's answer was used.</summary>
    Reasoner,

    /// <summary>The reasoning engine was consulted but failed, timed out or answered nonsense: the classifier's answer stands.</summary>
    ReasonerUnavailable,
}
