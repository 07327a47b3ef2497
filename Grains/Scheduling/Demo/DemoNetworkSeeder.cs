using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// Seeds the demo network (<see cref="ClinicNetworkSpec.Demo"/>, appointments from today) into a tenant once: never
/// into a tenant that already holds providers or edited knowledge, never twice. A seeding cut short (crash, Ctrl+C) is
/// finished on the next call with the same start date, so the records are the ones the first attempt began to write.
/// </summary>
public static class DemoNetworkSeeder
{
    /// <summary>Seeds <paramref name="tenant"/> unless its marker or its data say not to; returns the marker as it now stands.</summary>
    public static async Task<DemoSeedMarker> SeedOnceAsync(
        IGrainFactory grains, string tenant, int seed, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentNullException.ThrowIfNull(time);
        var markers = grains.GetGrain<IDemoSeedGrain>(tenant);
        var marker = await markers.Get();
        if (marker is { Stage: DemoSeedStage.Seeded or DemoSeedStage.SkippedExistingData })
        {
            return marker;
        }

        var now = time.GetUtcNow();
        if (marker is null)
        {
            var start = ClinicNetworkSpec.TodayAt(now, ClinicNetworkSpec.DefaultUtcOffset);
            var stage = await HoldsData(grains, tenant) ? DemoSeedStage.SkippedExistingData : DemoSeedStage.Seeding;
            marker = await markers.Record(new DemoSeedMarker { Stage = stage, StartDate = start, Seed = seed, At = now });
            if (stage == DemoSeedStage.SkippedExistingData)
            {
                return marker;
            }
        }

        var network = ClinicNetworkGenerator.Generate(ClinicNetworkSpec.Demo(marker.StartDate, marker.Seed));
        var report = await ClinicNetworkLoader.LoadAsync(grains, tenant, network, cancellationToken);
        return await markers.Record(marker with
        {
            Stage = DemoSeedStage.Seeded,
            At = time.GetUtcNow(),
            Providers = report.Providers,
            Patients = report.Patients,
            Appointments = report.Appointments,
        });
    }

    // A tenant someone has put providers, knowledge or any of the demo's own ids into is theirs: seeding would overwrite it.
    private static async Task<bool> HoldsData(IGrainFactory grains, string tenant)
    {
        if ((await grains.GetGrain<IProviderDirectoryGrain>(tenant).Find(null, null)).Count > 0
            || (await grains.GetGrain<IKnowledgeGrain>(tenant).Get()).Version > 0)
        {
            return true;
        }

        return await grains.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, ClinicNetworkGenerator.DepartingProviderId)).Get() is not null
            || await grains.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, ClinicNetworkGenerator.PatientId(1))).Get() is not null
            || await grains.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, ClinicNetworkGenerator.AppointmentId(1))).Get() is not null;
    }
}
