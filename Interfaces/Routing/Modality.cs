using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>What an inference request carries; media modalities need more memory and usually a GPU.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Modality>))]
public enum Modality
{
    /// <summary>Prompt text only.</summary>
    Text,

    /// <summary>One or more images.</summary>
    Image,

    /// <summary>Audio input.</summary>
    Audio,

    /// <summary>Video input, the heaviest modality.</summary>
    Video,

    /// <summary>A mix of modalities in one request.</summary>
    Multimodal,
}
