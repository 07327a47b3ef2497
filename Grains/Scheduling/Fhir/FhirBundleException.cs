namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>The document is JSON but not a Bundle Reroute imports (another resource, or a Bundle of another type).</summary>
public sealed class FhirBundleException(string message) : Exception(message);
