using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Reroute.Silo.Security;

/// <summary>
/// JWT bearer authentication over <see cref="BearerTokenValidator"/> (the JwtBearer package does not restore here).
/// Challenges and forbids answer with RFC 7807 problem details.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    BearerTokenValidator validator,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme name, as in the <c>Authorization: Bearer</c> header.</summary>
    public const string SchemeName = "Bearer";

    private const string BearerPrefix = SchemeName + " ";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header[BearerPrefix.Length..].Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.Fail(BearerTokenValidator.DescribeFailure(null));
        }

        var result = await validator.ValidateAsync(token);
        if (!result.IsValid)
        {
            // The reason only: the token itself is a credential and never reaches a log.
            return AuthenticateResult.Fail(BearerTokenValidator.DescribeFailure(result.Exception));
        }

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;

        // RFC 6750 section 3: no error code when the request carried no credentials at all.
        Response.Headers[HeaderNames.WWWAuthenticate] = failure is null
            ? SchemeName
            : $"{SchemeName} error=\"invalid_token\", error_description=\"{failure}\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", failure ?? "A bearer token is required.");
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "The token's roles do not permit this operation.");
    }

    private async Task WriteProblemAsync(int status, string title, string detail) =>
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
}
