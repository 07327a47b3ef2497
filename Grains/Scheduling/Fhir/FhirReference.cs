namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>The target of a FHIR literal reference: its resource type and id.</summary>
internal readonly record struct FhirReference(string Type, string Id)
{
    public override string ToString() => $"{Type}/{Id}";
}
