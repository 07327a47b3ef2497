using System.Security.Cryptography;
using System.Text;

namespace Reroute.Silo.Api;

/// <summary>
/// The signature inbound SMS and IVR webhooks carry in <see cref="Header"/>: <c>sha256=</c> and the hex HMAC-SHA256 of
/// the body under <c>Reroute:Notifications:InboundWebhookSecret</c>, as SMS gateways sign their callbacks.
/// </summary>
internal static class WebhookSignature
{
    /// <summary>The header carrying the signature.</summary>
    public const string Header = "X-Reroute-Signature";

    private const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Of(string secret, byte[] body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/>, compared in constant time.</summary>
    public static bool Matches(string secret, byte[] body, string header) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(header), Encoding.ASCII.GetBytes(Of(secret, body)));
}
