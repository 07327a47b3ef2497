using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class RequestClassifierTests
{
    private static readonly RoutingModel Model = RoutingModel.Default;

    [Fact]
    public void A_short_completion_on_the_small_model_with_a_relaxed_sla_is_simple_and_can_run_on_a_device()
    {
        var profile = RequestClassifier.Classify(Routes.Request("code-1b", inputTokens: 200, outputTokens: 10, slaMs: 2_000), Model);

        Assert.Equal(RequestClass.Simple, profile.Class);
        Assert.InRange(profile.Complexity, 0, 0.5);
        Assert.True(profile.Confidence > 0.8, $"confidence {profile.Confidence}");
        Assert.True(profile.ModelKnown);
        Assert.False(profile.Needs.GpuRequired);
        Assert.True(profile.Needs.DeviceCapable);
        // 200 tokens × 15 ms/1k prefill + 10 × 6 ms decode.
        Assert.Equal(63, profile.Needs.ExpectedServiceMs, precision: 6);
    }

    [Fact]
    public void A_long_video_request_on_the_large_model_is_complex_and_needs_a_gpu_and_the_models_memory()
    {
        var request = Routes.Request("code-34b", inputTokens: 6_000, outputTokens: 800, slaMs: 120_000, modality: Modality.Video);

        var profile = RequestClassifier.Classify(request, Model);

        Assert.Equal(RequestClass.Complex, profile.Class);
        Assert.True(profile.Complexity > 0.8, $"complexity {profile.Complexity}");
        Assert.True(profile.Needs.GpuRequired);
        Assert.True(profile.Needs.MemoryGb >= 70, $"memory {profile.Needs.MemoryGb}");
        Assert.False(profile.Needs.DeviceCapable);
    }

    [Fact]
    public void An_sla_at_or_below_the_critical_threshold_makes_even_a_small_request_critical()
    {
        var profile = RequestClassifier.Classify(Routes.Request("code-1b", inputTokens: 50, outputTokens: 2, slaMs: 150), Model);

        Assert.Equal(RequestClass.Critical, profile.Class);
    }

    [Fact]
    public void A_request_whose_service_takes_most_of_its_sla_is_critical()
    {
        // 4,000 × 60 ms/1k + 30 × 20 ms = 840 ms of service against a 1,200 ms SLA.
        var profile = RequestClassifier.Classify(Routes.Request("code-7b", inputTokens: 4_000, outputTokens: 30, slaMs: 1_200), Model);

        Assert.Equal(RequestClass.Critical, profile.Class);
        Assert.Equal(840, profile.Needs.ExpectedServiceMs, precision: 6);
    }

    [Fact]
    public void Media_needs_a_gpu_even_for_a_model_that_runs_on_cpu()
    {
        var profile = RequestClassifier.Classify(Routes.Request("code-1b", modality: Modality.Image) with { InputTokens = 0, InputBytes = 750_000 }, Model);

        Assert.True(profile.Needs.GpuRequired);
        Assert.True(profile.Complexity > RequestClassifier.Classify(Routes.Request("code-1b"), Model).Complexity);
    }

    [Fact]
    public void An_unknown_model_is_classified_with_the_fallback_profile_and_lower_confidence()
    {
        var known = RequestClassifier.Classify(Routes.Request("code-7b"), Model);
        var unknown = RequestClassifier.Classify(Routes.Request("mystery-model"), Model);

        Assert.False(unknown.ModelKnown);
        Assert.Equal(known.Needs, unknown.Needs);
        Assert.True(unknown.Confidence < known.Confidence);
    }

    [Fact]
    public void Complexity_grows_with_input_size_and_confidence_dips_at_the_class_boundary()
    {
        var sizes = new[] { 10, 100, 1_000, 4_000, 8_000 };
        var complexities = sizes.Select(n => RequestClassifier.Classify(Routes.Request(inputTokens: n, slaMs: 60_000), Model).Complexity).ToArray();
        Assert.Equal(complexities.Order(), complexities);
        Assert.True(complexities[^1] > complexities[0]);

        var options = ClassifierOptions.Default with { ComplexThreshold = RequestClassifier.Classify(Routes.Request(slaMs: 60_000), Model).Complexity };
        var atBoundary = RequestClassifier.Classify(Routes.Request(slaMs: 60_000), Model, options);
        Assert.Equal(options.ConfidenceFloor, atBoundary.Confidence, precision: 6);
    }

    [Fact]
    public void Classification_is_deterministic()
    {
        var request = Routes.Request(inputTokens: 1_234, outputTokens: 56, slaMs: 3_000);

        Assert.Equal(RequestClassifier.Classify(request, Model), RequestClassifier.Classify(request, Model));
    }
}
