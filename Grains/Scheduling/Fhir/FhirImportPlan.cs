using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// A checked Bundle: every entry's outcome so far and the records to write. The caller may refuse more writes (after
/// checks against stored state), writes what is still <see cref="IsWritable{T}"/>, then reports.
/// </summary>
public sealed class FhirImportPlan
{
    private readonly Line[] _lines;

    internal FhirImportPlan(IReadOnlyList<(string Type, string Id)> entries)
    {
        _lines = [.. entries.Select(static e => new Line(e.Type, e.Id))];
    }

    /// <summary>Providers to write, each assembled from a Practitioner, its PractitionerRole, Schedules and Slots.</summary>
    public IReadOnlyList<FhirPlannedWrite<ProviderProfile>> Providers { get; internal set; } = [];

    /// <summary>Patients to write.</summary>
    public IReadOnlyList<FhirPlannedWrite<PatientProfile>> Patients { get; internal set; } = [];

    /// <summary>Appointments to write.</summary>
    public IReadOnlyList<FhirPlannedWrite<Appointment>> Appointments { get; internal set; } = [];

    /// <summary>Whether none of the write's entries has been refused.</summary>
    public bool IsWritable<T>(FhirPlannedWrite<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write.Entries.All(i => !_lines[i].Invalid);
    }

    /// <summary>Marks the write's entries invalid with <paramref name="problem"/>; nothing of it will be written.</summary>
    public void Refuse<T>(FhirPlannedWrite<T> write, string problem)
    {
        ArgumentNullException.ThrowIfNull(write);
        foreach (var index in write.Entries)
        {
            Invalid(index, [problem]);
        }
    }

    /// <summary>The report: every entry not refused or skipped counts as imported, so call it after the writes.</summary>
    public FhirImportReport Report()
    {
        var entries = _lines.Select((line, index) => new FhirImportEntry
        {
            Index = index,
            ResourceType = line.Type,
            Id = line.Id,
            Outcome = line.Invalid ? FhirImportOutcome.Invalid : line.Skipped ? FhirImportOutcome.Skipped : FhirImportOutcome.Imported,
            Problems = [.. line.Problems],
        }).ToList();
        return new FhirImportReport
        {
            Imported = entries.Count(static e => e.Outcome == FhirImportOutcome.Imported),
            Skipped = entries.Count(static e => e.Outcome == FhirImportOutcome.Skipped),
            Invalid = entries.Count(static e => e.Outcome == FhirImportOutcome.Invalid),
            Entries = entries,
        };
    }

    internal bool IsInvalid(int index) => _lines[index].Invalid;

    internal void Invalid(int index, IEnumerable<string> problems)
    {
        _lines[index].Invalid = true;
        _lines[index].Problems.AddRange(problems);
    }

    internal void Skip(int index, string problem)
    {
        _lines[index].Skipped = true;
        _lines[index].Problems.Add(problem);
    }

    private sealed class Line(string type, string id)
    {
        public string Type { get; } = type;

        public string Id { get; } = id;

        public bool Invalid { get; set; }

        public bool Skipped { get; set; }

        public List<string> Problems { get; } = [];
    }
}
