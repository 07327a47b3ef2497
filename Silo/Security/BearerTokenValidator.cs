using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Reroute.Silo.Options;

namespace Reroute.Silo.Security;

/// <summary>Validates bearer tokens: signature (HS256, keys of the ring), issuer, audience, lifetime.</summary>
public sealed class BearerTokenValidator
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;

    /// <summary>Builds the validation parameters once from the options and the key ring.</summary>
    public BearerTokenValidator(SigningKeyRing keys, IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var auth = options.Value;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            IssuerSigningKeys = keys.Keys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = auth.ClockSkew,
            // The handler's own lifetime check reads the system clock; this one reads the silo's TimeProvider.
            LifetimeValidator = (notBefore, expires, _, parameters) => ValidateLifetime(notBefore, expires, parameters, timeProvider),
            NameClaimType = ClaimNames.Subject,
            RoleClaimType = ClaimNames.Role,
            AuthenticationType = BearerTokenHandler.SchemeName,
        };
    }

    private static bool ValidateLifetime(DateTime? notBefore, DateTime? expires, TokenValidationParameters parameters, TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } validFrom && validFrom > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = validFrom };
        }

        if (expires.Value < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    /// <summary>Validates a compact JWT; the result says why when it is not valid.</summary>
    public Task<TokenValidationResult> ValidateAsync(string token) => _handler.ValidateTokenAsync(token, _parameters);

    /// <summary>
    /// A short reason for a failed validation, safe to send back and to log: it never contains the token or its claims.
    /// </summary>
    public static string DescribeFailure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token is not for this audience.",
        SecurityTokenInvalidIssuerException => "The token is from an unknown issuer.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The token signature is invalid.",
        SecurityTokenInvalidAlgorithmException => "The token is signed with an algorithm this silo does not accept.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        _ => "The token is malformed or invalid.",
    };
}
