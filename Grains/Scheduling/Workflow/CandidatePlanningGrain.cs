using Microsoft.Extensions.Options;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// Stages 2 and 3: reads fresh records, narrows providers to those a patient could travel to (the location filter,
/// applied to the directory first so that a large network is not read whole), runs the hard filters on slots inside the
/// notice and delay limits, scores, and assigns all appointments jointly.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class CandidatePlanningGrain(IOptions<WorkflowOptions> options) : Grain, ICandidatePlanningGrain
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<AffectedAppointment>> Plan(IReadOnlyList<AffectedAppointment> appointments)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        if (appointments.Count == 0)
        {
            return [];
        }

        var tenant = GetPrimaryKeyString();
        var now = Time.GetUtcNow();
        var knowledge = (await GrainFactory.GetGrain<IKnowledgeGrain>(tenant).Get()).Knowledge;
        var records = await Task.WhenAll(appointments.Select(a => GrainFactory.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, a.AppointmentId)).Get()));
        var visits = records.Select((r, i) => r?.Appointment ?? throw new KeyNotFoundException($"Appointment {appointments[i].AppointmentId} does not exist.")).ToList();
        var patients = await Patients(tenant, visits.Select(static v => v.PatientId));
        var providers = await Providers(tenant, visits, patients, knowledge, now);

        var filtered = CandidateFilter.FilterAll(visits, patients, providers, knowledge, now);
        var byId = providers.ToDictionary(static p => p.Id, StringComparer.Ordinal);
        var candidates = visits.Select((visit, i) => new AppointmentCandidates
        {
            AppointmentId = visit.Id,
            Priority = appointments[i].Priority,
            Candidates = CandidateScorer.Rank(visit, patients[visit.PatientId], filtered[i].Accepted, byId, knowledge),
        }).ToList();
        var assignment = JointAssignment.SolveForProviders(candidates, providers, new AssignmentOptions { MaxAlternatives = options.Value.MaxAlternatives });

        return [.. appointments.Select((a, i) => a with
        {
            Proposal = assignment.Appointments[i].Assigned,
            Alternatives = assignment.Appointments[i].Alternatives,
            Rejections = filtered[i].Rejections
                .GroupBy(static r => r.FilterName, StringComparer.Ordinal)
                .ToDictionary(static g => g.Key, static g => g.Count(), StringComparer.Ordinal),
        })];
    }

    /// <inheritdoc />
    public async Task<string?> FindBackfillPatient(CandidateSlot slot, string discipline, IReadOnlyList<string> excludedPatientIds)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(excludedPatientIds);
        var tenant = GetPrimaryKeyString();
        var provider = await GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, slot.ProviderId)).Get();
        if (provider is null)
        {
            return null;
        }

        var knowledge = (await GrainFactory.GetGrain<IKnowledgeGrain>(tenant).Get()).Knowledge;
        var now = Time.GetUtcNow();
        var waiting = await GrainFactory.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(tenant, slot.ClinicId, discipline)).List();
        foreach (var entry in waiting)
        {
            if (excludedPatientIds.Contains(entry.PatientId))
            {
                continue;
            }

            var patient = await GrainFactory.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, entry.PatientId)).Get();
            if (patient is null)
            {
                continue;
            }

            // The visit the slot would become: judged by the same eight filters as any rescheduled one.
            var visit = new Appointment
            {
                Id = "backfill",
                PatientId = patient.Id,
                ProviderId = slot.ProviderId,
                ClinicId = slot.ClinicId,
                Start = slot.Start,
                End = slot.End,
                Discipline = discipline,
            };
            if (CandidateFilter.Evaluate(visit, patient, provider, slot, knowledge, now) is null)
            {
                return patient.Id;
            }
        }

        return null;
    }

    private async Task<Dictionary<string, PatientProfile>> Patients(string tenant, IEnumerable<string> patientIds)
    {
        var ids = patientIds.Distinct(StringComparer.Ordinal).ToList();
        var profiles = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, id)).Get()));
        return ids.Select((id, i) => (id, profile: profiles[i] ?? throw new KeyNotFoundException($"Patient {id} does not exist.")))
            .ToDictionary(static p => p.id, static p => p.profile, StringComparer.Ordinal);
    }

    private async Task<List<ProviderProfile>> Providers(
        string tenant, IReadOnlyList<Appointment> visits, IReadOnlyDictionary<string, PatientProfile> patients,
        SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        var directory = GrainFactory.GetGrain<IProviderDirectoryGrain>(tenant);
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in visits.GroupBy(static v => v.Discipline, StringComparer.Ordinal))
        {
            var listings = await directory.Find(null, group.Key);
            var homes = group.Select(v => patients[v.PatientId]).Distinct()
                .Select(p => (p.Home, Km: CandidateFilter.MaxTravelKm(p, knowledge.Thresholds))).ToList();
            foreach (var listing in listings)
            {
                if (homes.Any(h => h.Home is null || listing.Location is null || GeoDistance.Within(h.Home, listing.Location, h.Km)))
                {
                    reachable.Add(listing.ProviderId);
                }
            }
        }

        var earliest = now + knowledge.Thresholds.MinimumNotice;
        var latest = visits.Max(static v => v.Start) + knowledge.Thresholds.MaxRescheduleDelay;
        var profiles = await Task.WhenAll(reachable.Select(id => GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, id)).Get()));

        // Slots outside [notice, delay] fail the availability filter anyway; dropping them first keeps the work bounded.
        return [.. profiles.OfType<ProviderProfile>()
            .Select(p => p with { BookableSlots = [.. p.BookableSlots.Where(s => s.Start >= earliest && s.Start <= latest)] })
            .OrderBy(static p => p.Id, StringComparer.Ordinal)];
    }
}
