using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Reroute.Silo.Options;

namespace Reroute.Silo.Security;

/// <summary>Mints tokens the silo accepts: signed with the ring's first key, for the configured issuer and audience.</summary>
public sealed class TokenIssuer(SigningKeyRing keys, IOptions<AuthOptions> options, TimeProvider timeProvider)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>A signed JWT for <paramref name="subject"/> holding <paramref name="roles"/>, optionally scoped to a tenant.</summary>
    /// <param name="lifetime">How long the token lives; <see cref="AuthOptions.TokenLifetime"/> unless given.</param>
    public string Issue(string subject, IReadOnlyCollection<string> roles, string? tenant = null, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0)
        {
            throw new ArgumentException("A token needs at least one role.", nameof(roles));
        }

        var auth = options.Value;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [ClaimNames.Subject] = subject,
            [ClaimNames.TokenId] = Guid.NewGuid().ToString("N"),
            // One role stays a plain string, as most issuers write it; several become an array.
            [ClaimNames.Role] = roles.Count == 1 ? roles.First() : roles.ToArray(),
        };
        if (!string.IsNullOrWhiteSpace(tenant))
        {
            claims[ClaimNames.Tenant] = tenant;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? auth.TokenLifetime),
            SigningCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
