using System.Buffers.Text;
using System.Text.Json;

namespace Reroute.Client;

/// <summary>Reads a JWT's <c>exp</c> without validating the token: the silo validates, the client only needs to know when to refresh.</summary>
internal static class JwtExpiry
{
    /// <summary>The token's expiry, or null when the token is not a JWT with a numeric <c>exp</c>.</summary>
    public static DateTimeOffset? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length < 2 || parts[1].Length == 0)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("exp", out var exp)
                && exp.ValueKind == JsonValueKind.Number
                && exp.TryGetDouble(out var seconds)
                && seconds >= 0
                && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return DateTimeOffset.FromUnixTimeSeconds((long)seconds);
            }

            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
