namespace Reroute.Interfaces.Scheduling;

/// <summary>The answer to a FHIR Bundle import: one line per entry, in Bundle order, and the totals.</summary>
public sealed record FhirImportReport
{
    /// <summary>Entries written.</summary>
    public required int Imported { get; init; }

    /// <summary>Entries left out on purpose.</summary>
    public required int Skipped { get; init; }

    /// <summary>Entries refused; nothing of them was written.</summary>
    public required int Invalid { get; init; }

    /// <summary>Every entry's outcome, by index.</summary>
    public IReadOnlyList<FhirImportEntry> Entries { get; init; } = [];
}
