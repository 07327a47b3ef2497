namespace Reroute.Grains.Routing;

/// <summary>The classifier's rules as numbers, in one place, so that they can be tuned (or learned) without touching code.</summary>
public sealed record ClassifierOptions
{
    /// <summary>Complexity a text request adds for its modality.</summary>
    public double TextModalityWeight { get; init; }

    /// <summary>Complexity an image adds: a vision encoder runs before the model.</summary>
    public double ImageModalityWeight { get; init; } = 0.35;

    /// <summary>Complexity audio adds: a speech encoder runs before the model.</summary>
    public double AudioModalityWeight { get; init; } = 0.3;

    /// <summary>Complexity video adds: many frames to encode.</summary>
    public double VideoModalityWeight { get; init; } = 0.7;

    /// <summary>Complexity a mix of modalities adds.</summary>
    public double MultimodalModalityWeight { get; init; } = 0.6;

    /// <summary>Input size at which the input part of the score saturates, in tokens.</summary>
    public double InputScaleTokens { get; init; } = 8_192;

    /// <summary>Output size at which the output part of the score saturates, in tokens.</summary>
    public double OutputScaleTokens { get; init; } = 1_024;

    /// <summary>Model size at which the model part of the score saturates, in billions of parameters.</summary>
    public double ModelScaleB { get; init; } = 70;

    /// <summary>Share of the complexity score from the input size.</summary>
    public double InputWeight { get; init; } = 0.35;

    /// <summary>Share of the complexity score from the output size.</summary>
    public double OutputWeight { get; init; } = 0.25;

    /// <summary>Share of the complexity score from the model size.</summary>
    public double ModelWeight { get; init; } = 0.25;

    /// <summary>Share of the complexity score from the modality.</summary>
    public double ModalityWeight { get; init; } = 0.15;

    /// <summary>Complexity from which a request is complex.</summary>
    public double ComplexThreshold { get; init; } = 0.5;

    /// <summary>An SLA at or below this is critical whatever the size, in milliseconds.</summary>
    public double CriticalSlaMs { get; init; } = 250;

    /// <summary>A request whose reference service time takes at least this share of its SLA is critical.</summary>
    public double TightSlaRatio { get; init; } = 0.5;

    /// <summary>Lowest confidence, for a request right on a class boundary.</summary>
    public double ConfidenceFloor { get; init; } = 0.5;

    /// <summary>Distance from the complexity (or SLA ratio) boundary at which confidence is full.</summary>
    public double ConfidenceScale { get; init; } = 0.2;

    /// <summary>Factor of SLA against the critical SLA (in doublings) at which confidence is full.</summary>
    public double SlaConfidenceDoublings { get; init; } = 1;

    /// <summary>Confidence factor when the model is unknown or the request gives no size.</summary>
    public double MissingInputConfidenceFactor { get; init; } = 0.6;

    /// <summary>Bytes per token of media input, to estimate tokens when only bytes are given.</summary>
    public double MediaBytesPerToken { get; init; } = 750;

    /// <summary>Bytes per token of text input, to estimate tokens when only bytes are given.</summary>
    public double TextBytesPerToken { get; init; } = 4;

    /// <summary>Memory the context (KV cache) takes per 1,000 tokens, in gigabytes.</summary>
    public double KvCacheGbPer1kTokens { get; init; } = 0.125;

    /// <summary>The defaults.</summary>
    public static ClassifierOptions Default { get; } = new();
}
