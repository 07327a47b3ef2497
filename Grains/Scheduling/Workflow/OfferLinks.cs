using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using static System.FormattableString;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// Signs and verifies the tokens in offer links. A token is <c>base64url(v1|tenant|offer|nonce|expiry)</c> plus an
/// HMAC-SHA256 over it, so a link cannot be forged or pointed at another offer; the nonce ties it to one issue of the
/// offer and the offer grain accepts one answer only, so a link cannot be replayed.
/// </summary>
public sealed partial class OfferLinks
{
    private const string Version = "v1";
    private const char Separator = '|';
    private const int FieldCount = 5;
    private readonly byte[] _key;
    private readonly string _baseUrl;

    /// <summary>Creates the signer from <see cref="WorkflowOptions.LinkSigningKey"/>, which must be set by now.</summary>
    public OfferLinks(IOptions<WorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.Value.LinkSigningKey;
        _key = key.Length > 0
            ? Convert.FromBase64String(key)
            : throw new InvalidOperationException($"{WorkflowOptions.Section}:{nameof(WorkflowOptions.LinkSigningKey)} is not set.");
        if (_key.Length < WorkflowOptions.MinLinkKeyBytes)
        {
            throw new InvalidOperationException($"{WorkflowOptions.Section}:{nameof(WorkflowOptions.LinkSigningKey)} is shorter than {WorkflowOptions.MinLinkKeyBytes} bytes.");
        }

        _baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
    }

    /// <summary>A signed token for the offer.</summary>
    public string Issue(OfferToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var payload = Encoding.UTF8.GetBytes(string.Join(
            Separator, Version, token.Tenant, token.OfferId, token.Nonce, Invariant($"{token.ExpiresAt.ToUnixTimeSeconds()}")));
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>The offer the token is for; null when it is malformed or its signature is wrong (forged or altered).</summary>
    public OfferToken? Verify(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryFromBase64Url(token[..dot], out var payload) || !TryFromBase64Url(token[(dot + 1)..], out var signature))
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payload).Split(Separator);
        return fields.Length == FieldCount && fields[0] == Version && long.TryParse(fields[4], out var expiry)
            ? new OfferToken(fields[1], fields[2], fields[3], DateTimeOffset.FromUnixTimeSeconds(expiry))
            : null;
    }

    /// <summary>The page a patient opens to answer (it shows the offer and posts the answer).</summary>
    public string PageUrl(string token) => $"{_baseUrl}/offers/{token}";

    /// <summary>The link that answers directly with <paramref name="answer"/> ("accept" or "decline") after a confirmation.</summary>
    public string AnswerUrl(string token, string answer) => $"{_baseUrl}/offers/{token}?answer={answer}";

    /// <summary>The token of the first offer link in <paramref name="text"/> (a message body); null when it has none.</summary>
    public static string? FindToken(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = LinkToken().Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] data)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        data = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, data, out var written))
        {
            data = data[..written];
            return true;
        }

        data = [];
        return false;
    }

    [GeneratedRegex("/offers/([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkToken();
}
