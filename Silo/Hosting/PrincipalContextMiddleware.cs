using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Reroute.Runtime;
using Reroute.Silo.Security;

namespace Reroute.Silo.Hosting;

/// <summary>
/// After authentication: puts the caller's subject and tenant into <see cref="RequestContext"/> and a logging scope,
/// so that grain calls and log lines of the request carry who asked and for which tenant.
/// </summary>
public sealed class PrincipalContextMiddleware(RequestDelegate next, ILogger<PrincipalContextMiddleware> logger)
{
    /// <summary>The logging scope property of the subject.</summary>
    public const string SubjectScopeKey = "Subject";

    /// <summary>The logging scope property of the tenant.</summary>
    public const string TenantScopeKey = "Tenant";

    /// <summary>Runs the rest of the pipeline with the caller in context.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var subject = context.User.FindFirst(ClaimNames.Subject)?.Value;
        var tenant = context.User.FindFirst(ClaimNames.Tenant)?.Value;
        var scope = new List<KeyValuePair<string, object?>>();
        var previous = RequestContext.Snapshot;
        if (subject is not null)
        {
            RequestContext.Principal = subject;
            scope.Add(new(SubjectScopeKey, subject));
        }

        if (tenant is not null)
        {
            RequestContext.Tenant = tenant;
            scope.Add(new(TenantScopeKey, tenant));
        }

        try
        {
            using (logger.BeginScope(new LogScope(scope)))
            {
                await next(context);
            }
        }
        finally
        {
            RequestContext.Snapshot = previous;
        }
    }
}
