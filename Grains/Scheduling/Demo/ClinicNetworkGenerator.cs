using System.Globalization;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// Generates a realistic, entirely made-up outpatient therapy network from a <see cref="ClinicNetworkSpec"/>: clinics a
/// few km apart, PT/OT/SLP providers with licenses, payers, languages and two weeks of hourly slots, patients with
/// plans of care, coverage, preferences and history, their visits booked into the slots, and waitlists. Deterministic:
/// the same spec gives the same records. Names are made from syllables and contact addresses are reserved examples.
/// </summary>
public static class ClinicNetworkGenerator
{
    /// <summary>The provider the demo takes away; it works at the first clinic with 15 to 25 visits in the first week.</summary>
    public const string DepartingProviderId = "T001";

    /// <summary>The whole network in memory (the demo, tests); for large networks stream <see cref="GeneratePanels"/>.</summary>
    public static ClinicNetwork Generate(ClinicNetworkSpec spec)
    {
        var layout = Layout(spec);
        return new ClinicNetwork
        {
            Spec = spec,
            Clinics = layout.Clinics,
            Knowledge = Knowledge(layout),
            Panels = [.. Panels(layout)],
        };
    }

    /// <summary>The clinics of the network <paramref name="spec"/> describes.</summary>
    public static IReadOnlyList<Clinic> GenerateClinics(ClinicNetworkSpec spec) => Layout(spec).Clinics;

    /// <summary>The tenant's knowledge for the network: the design's defaults with a rule per payer.</summary>
    public static SchedulingKnowledge GenerateKnowledge(ClinicNetworkSpec spec) => Knowledge(Layout(spec));

    /// <summary>
    /// The panels one provider at a time, built as they are enumerated: only the network layout (clinics, and each
    /// provider's clinic and discipline) is held, so a 27,000-provider network never sits in memory at once.
    /// </summary>
    public static IEnumerable<ProviderPanel> GeneratePanels(ClinicNetworkSpec spec) => Panels(Layout(spec));

    /// <summary>The id of provider number <paramref name="number"/> (1-based): T001 … T999, T1000 ….</summary>
    public static string ProviderId(int number) => "T" + number.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The id of patient number <paramref name="number"/> (1-based).</summary>
    public static string PatientId(int number) => "P" + number.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The id of appointment number <paramref name="number"/> (1-based).</summary>
    public static string AppointmentId(int number) => "A" + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The id of clinic number <paramref name="number"/> (1-based).</summary>
    public static string ClinicId(int number) => "C" + number.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>
    /// The seed of one provider's random source (stream 0 is the clinics'). A fixed arithmetic mix, not
    /// <see cref="HashCode"/>, whose values change from one process to the next.
    /// </summary>
    internal static int SeedFor(int seed, int stream) => unchecked((int)(((uint)seed * 2_654_435_761u) ^ ((uint)stream * 40_503u) ^ 0x5bd1e995u));

    private static NetworkLayout Layout(ClinicNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = spec.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(spec));
        }

        return new NetworkLayout(spec);
    }

    private static SchedulingKnowledge Knowledge(NetworkLayout layout) =>
        SchedulingKnowledge.Default with { PayerRules = NetworkCatalog.PayerRules(layout.States) };

    private static IEnumerable<ProviderPanel> Panels(NetworkLayout layout)
    {
        var nextAppointment = 1;
        for (var number = 1; number <= layout.Spec.Providers; number++)
        {
            var panel = new PanelBuilder(layout, number).Build(nextAppointment);
            nextAppointment += panel.Appointments.Count;
            yield return panel;
        }
    }
}
