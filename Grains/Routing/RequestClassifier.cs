using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// The fast, deterministic classifier: class, complexity, confidence and resource needs from the request alone.
/// No I/O and no allocation but the result, so the router can call it on every request.
/// </summary>
public static class RequestClassifier
{
    private const double TokensPerThousand = 1_000;

    /// <summary>Classifies a request against the model catalog of <paramref name="model"/>.</summary>
    public static RequestProfile Classify(InferenceRequest request, RoutingModel model, ClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        var o = options ?? ClassifierOptions.Default;
        var known = ModelCatalog.TryFind(model, request.RequiredModel, out var profile);
        profile ??= model.FallbackModel;

        var inputTokens = InputTokens(request, o);
        var outputTokens = Math.Max(0, request.ExpectedOutputTokens);

        // Sizes count on a log scale: doubling a 100-token prompt changes the work far more than doubling an 8,000-token one
        // changes its class, and the scale saturates so that one huge field cannot outvote the others.
        var complexity =
            o.InputWeight * LogShare(inputTokens, o.InputScaleTokens)
            + o.OutputWeight * LogShare(outputTokens, o.OutputScaleTokens)
            + o.ModelWeight * LogShare(profile.ParametersB, o.ModelScaleB)
            + o.ModalityWeight * ModalityShare(request.Modality, o);
        complexity = Math.Clamp(complexity, 0, 1);

        var serviceMs = profile.PrefillMsPer1kTokens * inputTokens / TokensPerThousand + profile.DecodeMsPerToken * outputTokens;
        var sla = request.LatencySlaMs;

        // Critical means little slack, not big: a small request with a 200 ms SLA needs the nearest tier and a backup in
        // another tier more than a large one with minutes to spare.
        var criticalBySla = sla > 0 && sla <= o.CriticalSlaMs;
        var serviceRatio = sla > 0 ? serviceMs / sla : double.PositiveInfinity;
        var tight = serviceRatio >= o.TightSlaRatio;

        var slaDistance = sla > 0 ? Math.Abs(Math.Log2(sla / o.CriticalSlaMs)) / o.SlaConfidenceDoublings : 0;
        var ratioDistance = double.IsFinite(serviceRatio) ? Math.Abs(serviceRatio - o.TightSlaRatio) / o.ConfidenceScale : 0;
        var complexityDistance = Math.Abs(complexity - o.ComplexThreshold) / o.ConfidenceScale;

        RequestClass cls;
        double distance;
        if (criticalBySla || tight)
        {
            // Confident as far as the strongest reason for "critical" is from its boundary.
            cls = RequestClass.Critical;
            distance = Math.Max(criticalBySla ? slaDistance : 0, tight ? ratioDistance : 0);
        }
        else
        {
            // Unsure near any boundary that would change the class.
            cls = complexity >= o.ComplexThreshold ? RequestClass.Complex : RequestClass.Simple;
            distance = Math.Min(complexityDistance, Math.Min(slaDistance, ratioDistance));
        }

        var confidence = o.ConfidenceFloor + (1 - o.ConfidenceFloor) * Math.Min(1, distance);
        if (!known || inputTokens <= 0)
        {
            confidence *= o.MissingInputConfidenceFactor;
        }

        return new RequestProfile
        {
            Class = cls,
            Complexity = complexity,
            Confidence = confidence,
            ModelKnown = known,
            Needs = new ResourceNeeds
            {
                MemoryGb = profile.MemoryGb + o.KvCacheGbPer1kTokens * (inputTokens + outputTokens) / TokensPerThousand,
                // Media encoders need a GPU even in front of a model that could run on CPU.
                GpuRequired = profile.RequiresGpu || request.Modality is Modality.Image or Modality.Video or Modality.Multimodal,
                ExpectedServiceMs = serviceMs,
                ColdStartMs = profile.ColdStartMs,
                DeviceCapable = profile.DeviceCapable,
            },
        };
    }

    private static double InputTokens(InferenceRequest request, ClassifierOptions o)
    {
        if (request.InputTokens > 0)
        {
            return request.InputTokens;
        }

        var bytesPerToken = request.Modality == Modality.Text ? o.TextBytesPerToken : o.MediaBytesPerToken;
        return Math.Max(0, request.InputBytes) / bytesPerToken;
    }

    private static double LogShare(double value, double scale) =>
        value <= 0 ? 0 : Math.Min(1, Math.Log(1 + value) / Math.Log(1 + scale));

    private static double ModalityShare(Modality modality, ClassifierOptions o) => modality switch
    {
        Modality.Image => o.ImageModalityWeight,
        Modality.Audio => o.AudioModalityWeight,
        Modality.Video => o.VideoModalityWeight,
        Modality.Multimodal => o.MultimodalModalityWeight,
        _ => o.TextModalityWeight,
    };
}
