using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>How clinically urgent a visit is; the first part of an affected appointment's rescheduling priority.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClinicalPriority>))]
public enum ClinicalPriority
{
    /// <summary>An ordinary visit of an ongoing plan.</summary>
    [JsonStringEnumMemberName("routine")]
    Routine,

    /// <summary>A visit whose delay slows recovery (e.g. early after surgery).</summary>
    [JsonStringEnumMemberName("elevated")]
    Elevated,

    /// <summary>A visit that must not slip (e.g. a post-operative protocol with fixed milestones).</summary>
    [JsonStringEnumMemberName("urgent")]
    Urgent,
}
