using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>Everything the planner estimates and weighs with: latency estimates, weights and the model catalog.</summary>
public sealed record RoutingModel
{
    /// <summary>A version the monitor bumps when it learns, so decisions can name the model they used.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Latency parameters.</summary>
    public LatencyEstimates Latency { get; init; } = new();

    /// <summary>Scoring weights and thresholds.</summary>
    public RoutingWeights Weights { get; init; } = new();

    /// <summary>Known models.</summary>
    public ImmutableArray<ModelProfile> Models { get; init; } = DefaultModels;

    /// <summary>The profile assumed for a model not in <see cref="Models"/> (a mid-size GPU model).</summary>
    public ModelProfile FallbackModel { get; init; } = DefaultModels[1];

    private static ImmutableArray<ModelProfile> DefaultModels { get; } =
    [
        new() { Name = "code-1b", ParametersB = 1.3, MemoryGb = 3, PrefillMsPer1kTokens = 15, DecodeMsPerToken = 6, ColdStartMs = 1_500, RequiresGpu = false, DeviceCapable = true },
        new() { Name = "code-7b", ParametersB = 7, MemoryGb = 16, PrefillMsPer1kTokens = 60, DecodeMsPerToken = 20, ColdStartMs = 6_000 },
        new() { Name = "code-34b", ParametersB = 34, MemoryGb = 70, PrefillMsPer1kTokens = 250, DecodeMsPerToken = 55, ColdStartMs = 20_000 },
    ];

    // Declared after the catalog because static initializers run in textual order.

    /// <summary>The defaults: three code models of the sizes the Azure code trace suggests (small, 7B, 34B).</summary>
    public static RoutingModel Default { get; } = new();
}
