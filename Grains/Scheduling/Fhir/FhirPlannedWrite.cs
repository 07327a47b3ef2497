namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>One record an import will write, and the Bundle entries it was made from (all imported or none).</summary>
/// <typeparam name="T">The scheduling record: a provider profile, a patient profile or an appointment.</typeparam>
/// <param name="Record">What to write.</param>
/// <param name="Entries">The indexes of the entries it was made from.</param>
public sealed record FhirPlannedWrite<T>(T Record, IReadOnlyList<int> Entries);
