using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>What became of one entry of an imported FHIR Bundle.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FhirImportOutcome>))]
public enum FhirImportOutcome
{
    /// <summary>The resource was written (alone, or as part of the provider it belongs to).</summary>
    [JsonStringEnumMemberName("imported")]
    Imported,

    /// <summary>The resource was left out on purpose (a resource type Reroute does not keep, an entered-in-error slot).</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>The resource, or one it depends on, failed validation; nothing of it was written.</summary>
    [JsonStringEnumMemberName("invalid")]
    Invalid,
}
