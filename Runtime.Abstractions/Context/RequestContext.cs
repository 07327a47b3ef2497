using System.Collections.Immutable;

namespace Reroute.Runtime;

/// <summary>
/// Values that flow with a call from caller to grain and on through every call it makes: a correlation id,
/// the tenant and the principal, and anything else a filter adds. Values are strings so they cross silos as they are.
/// </summary>
public static class RequestContext
{
    /// <summary>Key of the correlation id.</summary>
    public const string CorrelationIdKey = "correlation-id";

    /// <summary>Key of the tenant (clinic network or edge operator).</summary>
    public const string TenantKey = "tenant";

    /// <summary>Key of the calling principal (subject of the token).</summary>
    public const string PrincipalKey = "principal";

    private static readonly AsyncLocal<ImmutableDictionary<string, string>?> s_values = new();

    /// <summary>The correlation id of the current call, if any.</summary>
    public static string? CorrelationId
    {
        get => Get(CorrelationIdKey);
        set => SetOrRemove(CorrelationIdKey, value);
    }

    /// <summary>The tenant of the current call, if any.</summary>
    public static string? Tenant
    {
        get => Get(TenantKey);
        set => SetOrRemove(TenantKey, value);
    }

    /// <summary>The principal of the current call, if any.</summary>
    public static string? Principal
    {
        get => Get(PrincipalKey);
        set => SetOrRemove(PrincipalKey, value);
    }

    /// <summary>All values as they stand; null when empty. The runtime copies this into each outgoing call.</summary>
    public static ImmutableDictionary<string, string>? Snapshot
    {
        get => s_values.Value;
        set => s_values.Value = value is { Count: > 0 } ? value : null;
    }

    /// <summary>Reads a value.</summary>
    public static string? Get(string key) => s_values.Value is { } values && values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Sets a value for this call and everything it calls.</summary>
    public static void Set(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        s_values.Value = (s_values.Value ?? ImmutableDictionary<string, string>.Empty).SetItem(key, value);
    }

    /// <summary>Removes a value.</summary>
    public static void Remove(string key)
    {
        if (s_values.Value is { } values)
        {
            Snapshot = values.Remove(key);
        }
    }

    /// <summary>Removes every value.</summary>
    public static void Clear() => s_values.Value = null;

    private static void SetOrRemove(string key, string? value)
    {
        if (value is null)
        {
            Remove(key);
        }
        else
        {
            Set(key, value);
        }
    }
}
