using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>Where a model is in a node's cache.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CachedModelState>))]
public enum CachedModelState
{
    /// <summary>Being loaded: it takes memory but a request would still pay the cold start.</summary>
    Loading,

    /// <summary>Loaded: no cold start.</summary>
    Warm,
}
