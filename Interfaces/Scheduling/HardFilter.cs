using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>The eight hard filters of candidate filtering, in the design's order; a rejection names the one that failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HardFilter>))]
public enum HardFilter
{
    /// <summary>The provider practises the visit's discipline and any specialty it requires.</summary>
    [JsonStringEnumMemberName("specialty")]
    Specialty,

    /// <summary>The clinic is within the distance the patient will travel.</summary>
    [JsonStringEnumMemberName("location")]
    Location,

    /// <summary>The slot is open, long enough, in the future, and the provider is not away.</summary>
    [JsonStringEnumMemberName("availability")]
    Availability,

    /// <summary>The patient's payer covers the discipline with this provider.</summary>
    [JsonStringEnumMemberName("payer_rules")]
    PayerRules,

    /// <summary>The plan of care authorizes the visit on that date.</summary>
    [JsonStringEnumMemberName("plan_of_care")]
    PlanOfCare,

    /// <summary>The provider holds an active license in the patient's state, unexpired on the date.</summary>
    [JsonStringEnumMemberName("license_status")]
    LicenseStatus,

    /// <summary>The provider has room under their daily capacity that day.</summary>
    [JsonStringEnumMemberName("capacity")]
    Capacity,

    /// <summary>Care in the clinic's state is allowed for the tenant, the payer and the patient.</summary>
    [JsonStringEnumMemberName("geographic_restrictions")]
    GeographicRestrictions,
}
