using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Reroute.Silo.Security;

/// <summary>Registers bearer authentication, the key ring, the token issuer and the authorization policies.</summary>
public static class SecurityRegistration
{
    /// <summary>Adds everything the API needs to authenticate and authorize callers.</summary>
    public static IServiceCollection AddRerouteSecurity(this IServiceCollection services)
    {
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<BearerTokenValidator>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, displayName: null, _ => { });
        services.AddAuthorizationBuilder().AddReroutePolicies();
        return services;
    }
}
