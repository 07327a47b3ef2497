using System.Text.RegularExpressions;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// Grain keys of the scheduling domain. Every entity lives inside its tenant (<c>{tenant}/{id}</c>), so one clinic
/// network can never read or overwrite another's records, whatever ids their EHRs use.
/// </summary>
public static partial class SchedulingKeys
{
    /// <summary>Separates the tenant from the entity id in a grain key.</summary>
    public const char TenantSeparator = '/';

    /// <summary>Separates clinic and discipline in a waitlist id.</summary>
    public const char WaitlistSeparator = ':';

    /// <summary>The key of an entity <paramref name="id"/> of <paramref name="tenant"/>.</summary>
    public static string Of(string tenant, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return $"{tenant}{TenantSeparator}{id}";
    }

    /// <summary>The key of the waitlist of <paramref name="clinicId"/> and <paramref name="discipline"/>.</summary>
    public static string OfWaitlist(string tenant, string clinicId, string discipline)
        => Of(tenant, $"{clinicId}{WaitlistSeparator}{discipline}");

    /// <summary>The tenant part of a key made by <see cref="Of"/>.</summary>
    public static string TenantOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.LastIndexOf(TenantSeparator);
        return separator > 0 ? key[..separator] : throw new ArgumentException($"'{key}' is not a tenant-scoped key.", nameof(key));
    }

    /// <summary>The entity id part of a key made by <see cref="Of"/>.</summary>
    public static string IdOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.LastIndexOf(TenantSeparator);
        return separator > 0 ? key[(separator + 1)..] : throw new ArgumentException($"'{key}' is not a tenant-scoped key.", nameof(key));
    }

    /// <summary>Whether <paramref name="id"/> is a FHIR id (letters, digits, '-' and '.', 1 to 64 characters).</summary>
    public static bool IsValidId(string? id) => id is not null && FhirId().IsMatch(id);

    // FHIR R4's rule for resource ids; it also keeps ids free of the key separators above.
    [GeneratedRegex("^[A-Za-z0-9\\-.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FhirId();
}
