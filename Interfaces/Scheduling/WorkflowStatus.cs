using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>Where a rescheduling workflow is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    /// <summary>Working through its stages or waiting for patients and heads of department.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Every affected appointment reached a final state and the report is written.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Stopped by a person; open offers were withdrawn and held slots released.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
