using System.Text.Json;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Serialization;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// Writes a generated network into a tenant through its grains — the same calls the API makes, so every record is
/// validated on the way in. Panels are loaded a batch at a time with a bounded number in flight, so memory stays flat
/// however large the network. Loading the same network again changes nothing but waitlist priorities already equal.
/// </summary>
public static class ClinicNetworkLoader
{
    /// <summary>Panels loaded at once: enough to keep the store's group commit full on two cores.</summary>
    public const int DefaultConcurrency = 256;

    /// <summary>Panels per batch: the unit of directory registration and progress reports.</summary>
    public const int BatchSize = 500;

    /// <summary>Loads <paramref name="network"/> into <paramref name="tenant"/>.</summary>
    public static Task<LoadReport> LoadAsync(IGrainFactory grains, string tenant, ClinicNetwork network, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        return LoadAsync(grains, tenant, network.Knowledge, network.Panels, DefaultConcurrency, progress: null, cancellationToken);
    }

    /// <summary>
    /// Loads the knowledge, then the panels as they are enumerated (e.g. <see cref="ClinicNetworkGenerator.GeneratePanels"/>),
    /// <paramref name="concurrency"/> at a time; <paramref name="progress"/> hears the running totals after every batch.
    /// </summary>
    public static async Task<LoadReport> LoadAsync(
        IGrainFactory grains,
        string tenant,
        SchedulingKnowledge knowledge,
        IEnumerable<ProviderPanel> panels,
        int concurrency = DefaultConcurrency,
        IProgress<LoadReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);

        var knowledgeVersion = await LoadKnowledge(grains, tenant, knowledge);
        var totals = new LoadReport { KnowledgeVersion = knowledgeVersion };
        var directory = grains.GetGrain<IProviderDirectoryGrain>(tenant);
        using var source = panels.GetEnumerator();

        // The next batch is generated while this one loads: generating is CPU, loading mostly waits for the store.
        var pending = Task.Run(() => NextBatch(source), cancellationToken);
        try
        {
            while (await pending is { Length: > 0 } batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                pending = Task.Run(() => NextBatch(source), cancellationToken);
                // The same listing each provider's upsert registers, so that upsert finds it in place and writes nothing.
                await directory.RegisterMany(
                    [.. batch.Select(static p => new ProviderListing { ProviderId = p.Provider.Id, ClinicId = p.Provider.ClinicId, Discipline = p.Provider.Discipline, Location = p.Provider.Location })]);
                await Parallel.ForEachAsync(
                    batch,
                    new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                    async (panel, _) => await LoadPanel(grains, tenant, panel));
                var waitlisted = await LoadWaitlists(grains, tenant, batch, concurrency, cancellationToken);
                totals = totals with
                {
                    Providers = totals.Providers + batch.Length,
                    Patients = totals.Patients + batch.Sum(static p => p.Patients.Count),
                    Appointments = totals.Appointments + batch.Sum(static p => p.Appointments.Count),
                    WaitlistEntries = totals.WaitlistEntries + waitlisted,
                };
                progress?.Report(totals);
            }
        }
        finally
        {
            // A failed load must not dispose the enumerator under the generation still running on it.
            await Task.WhenAny(pending);
        }

        return totals;
    }

    private static ProviderPanel[] NextBatch(IEnumerator<ProviderPanel> source)
    {
        var batch = new List<ProviderPanel>(BatchSize);
        while (batch.Count < BatchSize && source.MoveNext())
        {
            batch.Add(source.Current);
        }

        return [.. batch];
    }

    // A reload must not stack up identical knowledge versions.
    private static async Task<int> LoadKnowledge(IGrainFactory grains, string tenant, SchedulingKnowledge knowledge)
    {
        var grain = grains.GetGrain<IKnowledgeGrain>(tenant);
        var current = await grain.Get();
        if (JsonSerializer.Serialize(current.Knowledge, RuntimeJson.Options) == JsonSerializer.Serialize(knowledge, RuntimeJson.Options))
        {
            return current.Version;
        }

        return (await grain.Update(knowledge)).Version;
    }

    // Each appointment's upsert adds it to its provider's schedule index, one provider write per appointment in a row;
    // tracking the panel's appointments in one call first turns those into no-ops. The index goes in before the profile
    // while the provider's state is still small, and the profile last, once everything it refers to exists.
    private static async Task LoadPanel(IGrainFactory grains, string tenant, ProviderPanel panel)
    {
        var provider = grains.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, panel.Provider.Id));
        await Task.WhenAll(panel.Patients.Select(p => grains.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, p.Id)).Upsert(p)));
        await provider.TrackAppointments([.. panel.Appointments.Select(static a => new ScheduledAppointment
        {
            AppointmentId = a.Id,
            Start = a.Start,
            End = a.End,
            Status = a.Status,
        })]);
        await Task.WhenAll(panel.Appointments.Select(a => grains.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, a.Id)).Upsert(a)));
        await provider.Upsert(panel.Provider);
    }

    // One waitlist at a time in generated order, so entries are stamped in that order; different waitlists in parallel.
    private static async Task<int> LoadWaitlists(
        IGrainFactory grains, string tenant, IEnumerable<ProviderPanel> batch, int concurrency, CancellationToken cancellationToken)
    {
        var byList = batch.SelectMany(static p => p.Waitlist).GroupBy(static e => (e.ClinicId, e.Discipline)).ToList();
        await Parallel.ForEachAsync(
            byList,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (entries, _) =>
            {
                var waitlist = grains.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(tenant, entries.Key.ClinicId, entries.Key.Discipline));
                foreach (var entry in entries)
                {
                    await waitlist.Add(entry.PatientId, entry.Priority);
                }
            });
        return byList.Sum(static g => g.Count());
    }
}
