using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>The standing of a professional license with its state board; only <see cref="Active"/> allows practice.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LicenseStatus>))]
public enum LicenseStatus
{
    /// <summary>In good standing.</summary>
    Active,

    /// <summary>Applied for, not yet granted.</summary>
    Pending,

    /// <summary>Temporarily withdrawn by the board.</summary>
    Suspended,

    /// <summary>Permanently withdrawn by the board.</summary>
    Revoked,

    /// <summary>Lapsed and not renewed.</summary>
    Expired,
}
