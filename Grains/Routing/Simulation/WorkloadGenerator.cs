using System.Collections.Immutable;
using System.Globalization;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing.Simulation;

/// <summary>
/// Turns trace rows into requests: tokens and arrivals from the trace; tenant, privacy, model, cell, device, network and
/// SLA from a seeded generator, so that the workload is the same for every policy and every run.
/// </summary>
internal static class WorkloadGenerator
{
    private const double TokensPerThousand = 1_000;
    private const int LowDevice = 0;
    private const int MediumDevice = 1;
    private const int HighDevice = 2;

    // Salts the seed of the interactive stream, so that it is independent of the main one.
    private const int InteractiveSeedSalt = 0x1A7E;

    public static SimRequest[] Generate(IReadOnlyList<TraceRecord> trace, SimulationOptions options)
    {
        var random = new Random(options.Seed);
        var interactiveRandom = new Random(options.Seed ^ InteractiveSeedSalt);
        var requests = new SimRequest[trace.Count];
        for (var i = 0; i < trace.Count; i++)
        {
            var row = trace[i];
            var tenant = options.Tenants[random.Next(options.Tenants.Length)];
            var privacyDraw = random.NextDouble();
            var privacy = privacyDraw < options.PhiShare ? PrivacyLevel.Phi
                : privacyDraw < options.PhiShare + options.InternalShare ? PrivacyLevel.Internal
                : PrivacyLevel.Public;
            var modelDraw = random.NextDouble();
            var model = modelDraw < options.LargeModelShare ? options.LargeModel
                : modelDraw < options.LargeModelShare + options.SmallModelShare ? options.SmallModel
                : options.MediumModel;
            var cell = SimNode.CellName(1 + random.Next(options.Cells));
            var accessRtt = LogNormal(random, options.AccessRttMedianMs, options.AccessRttSigma);
            var cloudRtt = LogNormal(random, options.CloudRttMedianMs, options.CloudRttSigma);
            var bandwidth = LogNormal(random, options.BandwidthMedianMbps, options.BandwidthSigma);
            var noise = LogNormal(random, 1, options.ServiceNoiseSigma);

            // The caller does not know the output length in advance: it estimates, and the SLA it asks for follows its estimate.
            var expectedOutput = Math.Max(1, (int)Math.Round(row.GeneratedTokens * LogNormal(random, 1, options.OutputEstimateSigma)));
            var multiplier = options.SlaMultipliers[random.Next(options.SlaMultipliers.Length)];
            var profile = Find(options.Models, model);
            var serviceMs = ServiceMs(profile, row.ContextTokens, expectedOutput);
            var sla = options.SlaBaseMs + multiplier * serviceMs;

            // Both draws happen for every request, so the interactive set depends on the seed and the share alone.
            var interactiveDraw = interactiveRandom.NextDouble();
            var interactiveMultiplier = options.InteractiveSlaMultipliers[interactiveRandom.Next(options.InteractiveSlaMultipliers.Length)];
            var interactive = expectedOutput <= options.InteractiveMaxOutputTokens && interactiveDraw < options.InteractiveShare;
            if (interactive)
            {
                sla = options.InteractiveSlaBaseMs + interactiveMultiplier * serviceMs;
            }

            var deviceHasModel = string.Equals(model, options.SmallModel, StringComparison.Ordinal) && random.NextDouble() < options.DeviceModelShare;
            var deviceDraw = random.NextDouble();
            var deviceClass = deviceDraw < options.HighDeviceShare ? HighDevice
                : deviceDraw < options.HighDeviceShare + options.MediumDeviceShare ? MediumDevice
                : LowDevice;
            var battery = random.NextDouble() * 100;

            var request = new InferenceRequest
            {
                RequestId = "r" + i.ToString(CultureInfo.InvariantCulture),
                TenantId = tenant.TenantId,
                Modality = Modality.Text,
                InputTokens = row.ContextTokens,
                ExpectedOutputTokens = expectedOutput,
                RequiredModel = model,
                LatencySlaMs = sla,
                Privacy = privacy,
                ComplianceTags = privacy == PrivacyLevel.Phi ? [options.PhiComplianceTag] : ImmutableArray<string>.Empty,
                Region = options.Region,
                Cell = cell,
                Device = new DeviceCapabilities
                {
                    OnDeviceModelAvailable = deviceHasModel,
                    BatteryPercent = battery,
                    ComputeClass = deviceClass switch
                    {
                        HighDevice => ComputeClass.High,
                        MediumDevice => ComputeClass.Medium,
                        _ => ComputeClass.Low,
                    },
                },
                Network = new NetworkConditions { RttMs = accessRtt, BandwidthMbps = bandwidth },
            };
            requests[i] = new SimRequest(request, tenant, row.ArrivalMs, row.GeneratedTokens, noise, cloudRtt, options.DeviceSpeeds[deviceClass], interactive);
        }

        return requests;
    }

    /// <summary>Nominal service time on the reference node with the model warm.</summary>
    public static double ServiceMs(ModelProfile profile, int inputTokens, int outputTokens) =>
        profile.PrefillMsPer1kTokens * inputTokens / TokensPerThousand + profile.DecodeMsPerToken * outputTokens;

    public static ModelProfile Find(ImmutableArray<ModelProfile> models, string name)
    {
        foreach (var m in models)
        {
            if (string.Equals(m.Name, name, StringComparison.Ordinal))
            {
                return m;
            }
        }

        throw new InvalidOperationException($"The simulation's model catalog has no model '{name}'.");
    }

    // Box–Muller: a standard normal from two uniforms, so the draws depend on the seed alone.
    private static double LogNormal(Random random, double median, double sigma)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return median * Math.Exp(sigma * normal);
    }
}
