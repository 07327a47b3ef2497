using System.ComponentModel.DataAnnotations;

namespace Reroute.Silo.Options;

/// <summary>Bearer token authentication: who issues tokens, for whom, and the keys that sign them.</summary>
public sealed class AuthOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Reroute:Auth";

    /// <summary>HMAC-SHA256 is only as strong as its key; RFC 7518 asks for a key at least as long as the hash.</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>Clocks of issuers and silos drift, but a skew beyond this would quietly extend every token.</summary>
    public static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>The <c>iss</c> every token must carry.</summary>
    public string Issuer { get; set; } = "reroute";

    /// <summary>The <c>aud</c> every token must carry.</summary>
    public string Audience { get; set; } = "reroute-api";

    /// <summary>
    /// Base64 HMAC-SHA256 keys. The first signs tokens the silo issues; all of them validate, so a key can be
    /// rotated by adding the new one first and removing the old one once its tokens have expired.
    /// </summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>
    /// With no <see cref="SigningKeys"/>, generate a key once into the data directory and reuse it. Convenient on a
    /// developer's machine; turn it off in production so that a missing key stops the silo instead.
    /// </summary>
    public bool DevelopmentKey { get; set; } = true;

    /// <summary>The lifetime of tokens the silo issues (the <c>token</c> verb) unless one is asked for.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How far the clocks of issuer and silo may disagree when checking a token's lifetime.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Issuer))
        {
            yield return new ValidationResult("must not be empty.", [nameof(Issuer)]);
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult("must not be empty.", [nameof(Audience)]);
        }

        for (var i = 0; i < SigningKeys.Count; i++)
        {
            if (DecodeKey(SigningKeys[i]) is null)
            {
                // The key itself is a secret: name its position, never its value.
                yield return new ValidationResult(
                    $"must be base64 of at least {MinimumSigningKeyBytes} bytes.",
                    [$"{nameof(SigningKeys)}:{i}"]);
            }
        }

        if (SigningKeys.Count == 0 && !DevelopmentKey)
        {
            yield return new ValidationResult(
                $"is empty and {nameof(DevelopmentKey)} is false: configure at least one signing key.",
                [nameof(SigningKeys)]);
        }

        if (TokenLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be greater than zero.", [nameof(TokenLifetime)]);
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > MaximumClockSkew)
        {
            yield return new ValidationResult($"must be between 00:00:00 and {MaximumClockSkew}.", [nameof(ClockSkew)]);
        }
    }

    /// <summary>The bytes of a configured key, or null when it is not base64 or too short.</summary>
    public static byte[]? DecodeKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written >= MinimumSigningKeyBytes
            ? buffer[..written]
            : null;
    }
}
