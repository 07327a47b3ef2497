using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>The four quality-assurance guardrails, in the order they run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Guardrail>))]
public enum Guardrail
{
    /// <summary>The proposal is well formed and consistent.</summary>
    [JsonStringEnumMemberName("schema_validation")]
    SchemaValidation,

    /// <summary>Licensing, plan of care, payer and jurisdiction rules.</summary>
    [JsonStringEnumMemberName("compliance")]
    Compliance,

    /// <summary>Distance, availability, capacity and timing.</summary>
    [JsonStringEnumMemberName("business_rules")]
    BusinessRules,

    /// <summary>No-show risk and loss of continuity.</summary>
    [JsonStringEnumMemberName("risk")]
    Risk,
}
