using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>What a request to deploy a model on a node came to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeployOutcome>))]
public enum DeployOutcome
{
    /// <summary>Loading started (after evicting what the policy chose, if anything).</summary>
    Loading,

    /// <summary>Already loaded or loading: nothing to do.</summary>
    AlreadyCached,

    /// <summary>The node does not host the model.</summary>
    NotHosted,

    /// <summary>Not enough memory even after evicting every model not in use: nothing was evicted.</summary>
    NoRoom,
}
