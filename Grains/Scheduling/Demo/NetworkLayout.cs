namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// The network-wide facts every panel needs and that are cheap to hold even for 100,000 providers: the clinics, and
/// which clinic and discipline each provider has (so a patient's earlier provider can be a colleague).
/// </summary>
internal sealed class NetworkLayout
{
    private readonly Dictionary<(int Clinic, string Discipline), List<int>> _colleagues = [];

    public NetworkLayout(ClinicNetworkSpec spec)
    {
        Spec = spec;
        Clinics = NetworkGeography.Clinics(spec.Clinics, new Random(ClinicNetworkGenerator.SeedFor(spec.Seed, 0)));
        States = [.. Clinics.Select(static c => c.State).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        for (var number = 1; number <= spec.Providers; number++)
        {
            var key = (ClinicIndexOf(number), DisciplineOf(number));
            if (!_colleagues.TryGetValue(key, out var list))
            {
                _colleagues[key] = list = [];
            }

            list.Add(number);
        }
    }

    public ClinicNetworkSpec Spec { get; }

    public IReadOnlyList<Clinic> Clinics { get; }

    /// <summary>The states the network's clinics are in.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>Providers are dealt to clinics in turn, so every clinic gets a share and T001 works at the first.</summary>
    public int ClinicIndexOf(int providerNumber) => (providerNumber - 1) % Spec.Clinics;

    public string DisciplineOf(int providerNumber)
    {
        var position = (providerNumber - 1) / Spec.Clinics;
        return NetworkCatalog.DisciplineRotation[position % NetworkCatalog.DisciplineRotation.Length];
    }

    /// <summary>Providers of the same clinic and discipline as <paramref name="providerNumber"/>, itself excluded.</summary>
    public IReadOnlyList<int> ColleaguesOf(int providerNumber) =>
        [.. _colleagues[(ClinicIndexOf(providerNumber), DisciplineOf(providerNumber))].Where(n => n != providerNumber)];
}
