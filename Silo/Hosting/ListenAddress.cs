namespace Reroute.Silo.Hosting;

/// <summary>
/// Where this silo can be reached, from the addresses it listens on: the first one, with a listen-on-every-interface
/// host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) read as loopback. Null when no port is known yet (port 0 is
/// chosen by the system at start).
/// </summary>
internal static class ListenAddress
{
    private const string Loopback = "127.0.0.1";
    private static readonly string[] s_anyHost = ["+", "*", "0.0.0.0", "[::]"];

    public static string? Reachable(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var schemeEnd = first?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        if (first is null || schemeEnd < 0)
        {
            return null;
        }

        var authority = first[(schemeEnd + 3)..];
        if (s_anyHost.FirstOrDefault(any => authority.StartsWith(any + ":", StringComparison.Ordinal) || authority == any) is { } any)
        {
            authority = Loopback + authority[any.Length..];
        }

        return Uri.TryCreate(first[..(schemeEnd + 3)] + authority, UriKind.Absolute, out var uri) && uri.Port != 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
    }
}
