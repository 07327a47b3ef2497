using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>How sensitive a request's payload is; decides which tiers and nodes may see it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrivacyLevel>))]
public enum PrivacyLevel
{
    /// <summary>No restriction beyond the tenant's own.</summary>
    Public,

    /// <summary>Business-internal data: only nodes certified for internal data.</summary>
    Internal,

    /// <summary>Protected health information: only tiers and nodes the tenant approved, whatever the load.</summary>
    Phi,
}
