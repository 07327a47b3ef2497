using System.Text;

namespace Reroute.Runtime.Cluster;

/// <summary>
/// A hash that every silo, on every machine and every .NET version, computes the same way — unlike
/// <c>string.GetHashCode</c>, which is randomized per process. FNV-1a over UTF-8, then a 64-bit finalizer so that
/// similar keys ("P-001", "P-002") spread over all bits.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>The stable 64-bit hash of <paramref name="text"/>.</summary>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(text, buffer)]
            : Encoding.UTF8.GetBytes(text);
        var hash = FnvOffset;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return Mix(hash);
    }

    /// <summary>Combines two hashes into one that depends on both and on their order.</summary>
    public static ulong Combine(ulong first, ulong second) => Mix(first ^ (second + 0x9E3779B97F4A7C15 + (first << 6) + (first >> 2)));

    // The MurmurHash3 64-bit finalizer: every input bit affects every output bit.
    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51AFD7ED558CCD;
        value ^= value >> 33;
        value *= 0xC4CEB9FE1A85EC53;
        value ^= value >> 33;
        return value;
    }
}
