namespace Reroute.Interfaces.Scheduling;

/// <summary>The import report's line for one Bundle entry.</summary>
public sealed record FhirImportEntry
{
    /// <summary>The entry's position in Bundle.entry, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>The entry's resourceType; empty when the entry has no resource.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The resource's id; empty when it has none.</summary>
    public required string Id { get; init; }

    /// <summary>Imported, skipped or invalid.</summary>
    public required FhirImportOutcome Outcome { get; init; }

    /// <summary>Why the entry was skipped or refused, each naming the FHIR element (e.g. "Patient.address.state: …").</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
