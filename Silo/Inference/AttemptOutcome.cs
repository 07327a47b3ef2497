using System.Text.Json.Serialization;

namespace Reroute.Silo.Inference;

/// <summary>How one attempt on a node went.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttemptOutcome>))]
public enum AttemptOutcome
{
    /// <summary>The node answered with a chat completion.</summary>
    Succeeded,

    /// <summary>The node answered with an error status, malformed JSON or no choice, or could not be reached.</summary>
    Failed,

    /// <summary>The node did not answer within the attempt's timeout.</summary>
    TimedOut,
}
