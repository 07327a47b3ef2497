using System.Text.Json;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// Plans the import of a FHIR R4 Bundle (batch, transaction or collection): reads every entry, resolves references
/// within the Bundle, assembles each provider from its Practitioner, PractitionerRole, Schedules and Slots, and checks
/// everything with the same validators as the API before anything is written. A provider is written whole or not at
/// all: one invalid part refuses every part. An Appointment naming a Patient or Practitioner that is invalid in the
/// same Bundle is refused too. Resource types Reroute does not keep are skipped. References to entries' urn:uuid
/// fullUrls are resolved first (<see cref="FhirBundleLinks"/>).
/// </summary>
public static class FhirBundleImport
{
    /// <summary>The Bundle types accepted: each entry is applied on its own, as in a batch.</summary>
    public static readonly IReadOnlyList<string> BundleTypes = ["batch", "transaction", "collection"];

    /// <summary>The resource types imported; any other is reported as skipped.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes = ["Practitioner", "PractitionerRole", "Schedule", "Slot", "Patient", "Appointment"];

    /// <summary>Checks <paramref name="bundle"/> and plans its writes.</summary>
    /// <exception cref="FhirBundleException">The document is not a Bundle of an accepted type.</exception>
    public static FhirImportPlan Plan(JsonElement bundle)
    {
        if (bundle.ValueKind != JsonValueKind.Object
            || !bundle.TryGetProperty("resourceType", out var resourceType)
            || resourceType.ValueKind != JsonValueKind.String
            || resourceType.GetString() != "Bundle")
        {
            throw new FhirBundleException("The document is not a FHIR Bundle: resourceType must be \"Bundle\".");
        }

        var type = bundle.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type is null || !BundleTypes.Contains(type))
        {
            throw new FhirBundleException($"Bundle.type must be one of {string.Join(", ", BundleTypes)}; got '{type}'.");
        }

        var raw = new List<JsonElement>();
        if (bundle.TryGetProperty("entry", out var entry))
        {
            if (entry.ValueKind != JsonValueKind.Array)
            {
                throw new FhirBundleException("Bundle.entry must be an array.");
            }

            raw.AddRange(entry.EnumerateArray());
        }

        using var resolved = FhirBundleLinks.ResolveUrns(bundle, raw);
        if (resolved is not null)
        {
            raw = [.. resolved.RootElement.GetProperty("entry").EnumerateArray()];
        }

        var resources = raw.Select(static e => e.ValueKind == JsonValueKind.Object ? FhirJson.Object(e, "resource") : null).ToList();
        var plan = new FhirImportPlan([.. resources.Select(static r => (Head(r, "resourceType"), Head(r, "id")))]);
        var bundleRead = new BundleRead();
        for (var i = 0; i < resources.Count; i++)
        {
            Read(i, resources[i], plan, bundleRead);
        }

        plan.Providers = PlanProviders(plan, bundleRead);
        plan.Patients = [.. bundleRead.Patients.Values.Where(p => p.Parsed is not null).Select(static p => new FhirPlannedWrite<PatientProfile>(p.Parsed!, [p.Index]))];
        plan.Appointments = PlanAppointments(plan, bundleRead);
        return plan;
    }

    private static string Head(JsonElement? resource, string name) =>
        resource is { } r && r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static void Read(int index, JsonElement? entry, FhirImportPlan plan, BundleRead read)
    {
        if (entry is not { } resource)
        {
            plan.Invalid(index, [$"Bundle.entry[{index}].resource: is required and must be an object."]);
            return;
        }

        var type = Head(resource, "resourceType");
        if (type.Length == 0)
        {
            plan.Invalid(index, [$"Bundle.entry[{index}].resource.resourceType: is required."]);
            return;
        }

        if (!ResourceTypes.Contains(type))
        {
            plan.Skip(index, $"{type}: not imported; Reroute imports {string.Join(", ", ResourceTypes)}.");
            return;
        }

        var id = Head(resource, "id");
        if (!SchedulingKeys.IsValidId(id))
        {
            plan.Invalid(index, [$"{type}.id: is required: 1 to 64 letters, digits, '-' or '.' (Reroute keeps the sender's ids)."]);
            return;
        }

        if (!read.Seen.TryAdd((type, id), index))
        {
            plan.Invalid(index, [$"{type}.id: {type}/{id} is already entry {read.Seen[(type, id)]} of this bundle."]);
            return;
        }

        var problems = new FhirProblems();
        switch (type)
        {
            case "Practitioner":
                read.Practitioners[id] = new(index, FhirProviderMapping.ReadPractitioner(resource, problems));
                break;
            case "PractitionerRole":
                // The owner is read apart from the rest, so that an invalid role still keeps its practitioner from being written.
                read.Roles[id] = new(index, FhirProviderMapping.ReadRole(resource, problems), OwnerOf(resource, "practitioner"));
                break;
            case "Schedule":
                read.Schedules[id] = new(index, FhirProviderMapping.ReadSchedule(resource, problems), ScheduleActor(resource));
                break;
            case "Slot":
                var slot = FhirProviderMapping.ReadSlot(resource, problems);
                read.Slots.Add(new(index, slot, OwnerOf(resource, "schedule")?.Id));
                if (slot?.Status == FhirProviderMapping.SlotEnteredInError)
                {
                    plan.Skip(index, "Slot.status: entered-in-error slots are not imported.");
                }

                break;
            case "Patient":
                read.Patients[id] = new(index, FhirPatientMapping.Read(id, resource, problems));
                break;
            case "Appointment":
                read.Appointments.Add(new(index, FhirAppointmentMapping.Read(id, resource, problems)));
                break;
        }

        if (!problems.IsEmpty)
        {
            plan.Invalid(index, problems.All);
        }
    }

    private static FhirReference? OwnerOf(JsonElement resource, string element) =>
        FhirJson.Reference(FhirJson.Object(resource, element), element, new FhirProblems());

    private static FhirReference? ScheduleActor(JsonElement resource) =>
        FhirJson.Items(resource, "actor")
            .Select(static a => FhirJson.Reference(a, "actor", new FhirProblems()))
            .FirstOrDefault(static r => r?.Type is "Practitioner" or "PractitionerRole");

    private static List<FhirPlannedWrite<ProviderProfile>> PlanProviders(FhirImportPlan plan, BundleRead read)
    {
        // Link every part to its practitioner; a part whose practitioner is not in the bundle cannot be imported alone,
        // because a provider upsert replaces the whole profile.
        var rolesOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (roleId, role) in read.Roles)
        {
            if (role.Owner is { Type: "Practitioner" } owner && read.Practitioners.ContainsKey(owner.Id))
            {
                Add(rolesOf, owner.Id, roleId);
            }
            else
            {
                Orphan(plan, role.Index, "PractitionerRole.practitioner", role.Owner);
            }
        }

        var schedulesOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (scheduleId, schedule) in read.Schedules)
        {
            var practitioner = schedule.Actor switch
            {
                { Type: "Practitioner" } actor when read.Practitioners.ContainsKey(actor.Id) => actor.Id,
                { Type: "PractitionerRole" } actor when read.Roles.TryGetValue(actor.Id, out var role)
                    && role.Owner is { Type: "Practitioner" } owner && read.Practitioners.ContainsKey(owner.Id) => owner.Id,
                _ => null,
            };
            if (practitioner is null)
            {
                Orphan(plan, schedule.Index, "Schedule.actor", schedule.Actor);
            }
            else
            {
                Add(schedulesOf, practitioner, scheduleId);
            }
        }

        var slotsOf = new Dictionary<string, List<SlotRead>>(StringComparer.Ordinal);
        foreach (var slot in read.Slots)
        {
            if (slot.ScheduleId is { } scheduleId && read.Schedules.ContainsKey(scheduleId))
            {
                if (!slotsOf.TryGetValue(scheduleId, out var list))
                {
                    slotsOf[scheduleId] = list = [];
                }

                list.Add(slot);
            }
            else if (!plan.IsInvalid(slot.Index))
            {
                plan.Invalid(slot.Index, [$"Slot.schedule: Schedule/{slot.ScheduleId} is not in this bundle; slots are imported with their Schedule and provider."]);
            }
        }

        var writes = new List<FhirPlannedWrite<ProviderProfile>>();
        foreach (var (practitionerId, practitioner) in read.Practitioners)
        {
            var roleIds = rolesOf.GetValueOrDefault(practitionerId) ?? [];
            var scheduleIds = schedulesOf.GetValueOrDefault(practitionerId) ?? [];
            var slots = scheduleIds.SelectMany(s => slotsOf.GetValueOrDefault(s) ?? []).ToList();
            List<int> members = [practitioner.Index, .. roleIds.Select(r => read.Roles[r].Index), .. scheduleIds.Select(s => read.Schedules[s].Index), .. slots.Select(static s => s.Index)];
            if (roleIds.Count == 0 && !plan.IsInvalid(practitioner.Index))
            {
                plan.Invalid(practitioner.Index, [$"Practitioner: no PractitionerRole in this bundle refers to Practitioner/{practitionerId}; a provider needs one (discipline, clinic, capacity)."]);
            }
            else if (roleIds.Count > 1)
            {
                foreach (var index in members.Take(roleIds.Count + 1))
                {
                    plan.Invalid(index, [$"PractitionerRole: Practitioner/{practitionerId} has {roleIds.Count} PractitionerRoles in this bundle; Reroute keeps one discipline and clinic per provider."]);
                }
            }

            var profile = practitioner.Parsed is { } p && roleIds.Count == 1 && read.Roles[roleIds[0]].Parsed is { } role
                ? FhirProviderMapping.Assemble(practitionerId, p, role, slots.Select(static s => s.Parsed).OfType<FhirSlot>())
                : null;
            if (profile is not null && members.All(i => !plan.IsInvalid(i)))
            {
                var errors = new FhirProblems();
                errors.AddAll("ProviderProfile", ProfileValidation.Validate(profile));
                if (!errors.IsEmpty)
                {
                    plan.Invalid(practitioner.Index, errors.All);
                }
            }

            if (members.FirstOrDefault(plan.IsInvalid, -1) is var bad and >= 0)
            {
                // The provider is written whole or not at all: one bad part keeps every part out.
                foreach (var index in members.Where(i => !plan.IsInvalid(i)))
                {
                    plan.Invalid(index, [$"not imported: entry {bad} of the same provider (Practitioner/{practitionerId}) is invalid."]);
                }

                continue;
            }

            writes.Add(new FhirPlannedWrite<ProviderProfile>(profile!, members));
        }

        return writes;
    }

    private static List<FhirPlannedWrite<Appointment>> PlanAppointments(FhirImportPlan plan, BundleRead read)
    {
        var writes = new List<FhirPlannedWrite<Appointment>>();
        foreach (var (index, draft) in read.Appointments)
        {
            if (draft is null)
            {
                continue;
            }

            var problems = new FhirProblems();
            var providerId = draft.Provider.Type == "Practitioner" ? draft.Provider.Id
                : read.Roles.TryGetValue(draft.Provider.Id, out var role) && role.Owner is { Type: "Practitioner" } owner ? owner.Id
                : null;
            problems.Require(providerId is not null, "Appointment.participant", $"{draft.Provider} is not in this bundle; name the Practitioner instead.");

            string? clinicId = draft.ClinicId;
            if (providerId is not null && read.Practitioners.TryGetValue(providerId, out var practitioner))
            {
                problems.Require(!plan.IsInvalid(practitioner.Index), "Appointment.participant", $"Practitioner/{providerId} is invalid in this bundle (entry {practitioner.Index}).");
                clinicId ??= plan.Providers.FirstOrDefault(w => w.Record.Id == providerId)?.Record.ClinicId;
            }

            problems.Require(providerId is null || clinicId is not null, "Appointment.participant", $"names no Location, and Practitioner/{providerId} has no valid PractitionerRole in this bundle to take the clinic from.");
            if (read.Patients.TryGetValue(draft.PatientId, out var patient))
            {
                problems.Require(!plan.IsInvalid(patient.Index), "Appointment.participant", $"Patient/{draft.PatientId} is invalid in this bundle (entry {patient.Index}).");
            }

            if (problems.IsEmpty)
            {
                var appointment = draft.Resolve(providerId!, clinicId!);
                problems.AddAll("Appointment", AppointmentValidation.Validate(appointment));
                if (problems.IsEmpty)
                {
                    writes.Add(new FhirPlannedWrite<Appointment>(appointment, [index]));
                    continue;
                }
            }

            plan.Invalid(index, problems.All);
        }

        return writes;
    }

    private static void Orphan(FhirImportPlan plan, int index, string element, FhirReference? target)
    {
        if (!plan.IsInvalid(index))
        {
            plan.Invalid(index, [$"{element}: {target?.ToString() ?? "the provider"} is not in this bundle; a provider is imported from its Practitioner and PractitionerRole together."]);
        }
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private sealed record PractitionerRead(int Index, FhirPractitioner? Parsed);

    private sealed record RoleRead(int Index, FhirPractitionerRole? Parsed, FhirReference? Owner);

    private sealed record ScheduleRead(int Index, FhirSchedule? Parsed, FhirReference? Actor);

    private sealed record SlotRead(int Index, FhirSlot? Parsed, string? ScheduleId);

    private sealed record PatientRead(int Index, PatientProfile? Parsed);

    private sealed record AppointmentRead(int Index, FhirAppointmentDraft? Parsed);

    // Bundle order is kept in every list so that reports and writes follow the sender's order.
    private sealed class BundleRead
    {
        public Dictionary<(string Type, string Id), int> Seen { get; } = [];

        public Dictionary<string, PractitionerRead> Practitioners { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, RoleRead> Roles { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ScheduleRead> Schedules { get; } = new(StringComparer.Ordinal);

        public List<SlotRead> Slots { get; } = [];

        public Dictionary<string, PatientRead> Patients { get; } = new(StringComparer.Ordinal);

        public List<AppointmentRead> Appointments { get; } = [];
    }
}
