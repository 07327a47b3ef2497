using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Silo.Api;
using Reroute.Silo.Hosting;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo;

/// <summary>
/// Builds the silo's web host. <c>Program</c> runs it; tests build it in-process and start it on Kestrel, e.g. with
/// <c>--urls http://127.0.0.1:0</c>, then read the bound address from <see cref="WebApplication.Urls"/>.
/// </summary>
public static partial class SiloHost
{
    /// <summary>The reason <c>/ready</c> gives while the host shuts down.</summary>
    public const string ShuttingDownReason = "The silo is shutting down.";

    // ISO 8601 in UTC, so log lines from silos in different time zones sort and compare as they are.
    private const string UtcTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// Builds the host from configuration (appsettings.json, then environment variables such as
    /// <c>REROUTE__SILO__DATADIRECTORY</c>, then <paramref name="args"/> such as <c>--Reroute:Silo:DataDirectory=/x</c>).
    /// </summary>
    /// <param name="args">Configuration arguments; <c>--urls</c> overrides <c>Reroute:Silo:Urls</c>.</param>
    /// <param name="configure">Runs after the silo's own registrations and before validation: add configuration or replace services.</param>
    /// <exception cref="ConfigurationValidationException">
    /// The configuration has unknown keys, unconvertible or out-of-range values, or lacks a key the silos of a cluster share.
    /// </exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SiloHost).Assembly.GetName().Name,
            // Next to the binary, so appsettings.json is found whatever the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });

        ConfigureLogging(builder.Logging);
        AddSiloServices(builder);
        AddGrainRuntime(builder);
        AddScheduling(builder);
        AddDemo(builder);
        configure?.Invoke(builder);

        // Before anything reads an option: a typo in a key must stop the silo, not fall back to a default.
        builder.Services.GetConfigurationGuard().ThrowIfInvalid(builder.Configuration);
        if (ClusterSecrets.Validate(builder.Configuration) is { Count: > 0 } unshared)
        {
            throw new ConfigurationValidationException(unshared);
        }

        // ASP.NET Core's own `urls` (from --urls or ASPNETCORE_URLS) wins when given; otherwise ours applies.
        var listen = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(listen))
        {
            var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
            listen = silo.Urls;
            builder.WebHost.UseUrls(listen);
        }

        // Links in patients' messages point at this silo unless a public address is configured (a cluster's load
        // balancer): the workflow's default names the default port, which is wrong once the silo listens elsewhere.
        var publicBaseUrl = $"{WorkflowOptions.Section}:{nameof(WorkflowOptions.PublicBaseUrl)}";
        if (string.IsNullOrWhiteSpace(builder.Configuration[publicBaseUrl]) && ListenAddress.Reachable(listen) is { } reachable)
        {
            builder.Configuration.AddInMemoryCollection([new(publicBaseUrl, reachable)]);
        }

        var app = builder.Build();

        // Resolved now so that a missing or unreadable key stops the silo at start-up, not at the first request.
        _ = app.Services.GetRequiredService<SigningKeyRing>();
        _ = app.Services.GetRequiredService<SiloInfo>();

        // Until the grain runtime reports its own readiness, the silo is ready once the host has started.
        var readiness = app.Services.GetRequiredService<SiloReadiness>();
        app.Lifetime.ApplicationStarted.Register(readiness.MarkReady);
        app.Lifetime.ApplicationStopping.Register(() => readiness.MarkNotReady(ShuttingDownReason));

        UsePipeline(app);
        return app;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = UtcTimestampFormat;
        });
    }

    private static void AddSiloServices(WebApplicationBuilder builder)
    {
        builder.AddRerouteOptions<SiloOptions>(SiloOptions.SectionName);
        builder.AddRerouteOptions<AuthOptions>(AuthOptions.SectionName);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SiloReadiness>();
        services.TryAddSingleton<SiloInfo>();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<SiloOptions>>((kestrel, silo) => kestrel.Limits.MaxRequestBodySize = silo.Value.MaxRequestBodySize);
        services.AddOptions<HostOptions>()
            .Configure<IOptions<SiloOptions>>((host, silo) => host.ShutdownTimeout = silo.Value.ShutdownTimeout);

        // Kestrel reports a client's fault (body over the limit, malformed request) as an exception with its own status;
        // keep that status instead of turning the client's mistake into a 500.
        services.AddExceptionHandler(options => options.StatusCodeSelector = exception =>
            exception is Microsoft.AspNetCore.Http.BadHttpRequestException badRequest ? badRequest.StatusCode : StatusCodes.Status500InternalServerError);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier);
            if (CorrelationMiddleware.GetCorrelationId(http) is { } correlationId)
            {
                context.ProblemDetails.Extensions.TryAdd("correlationId", correlationId);
            }
        });
        // Nothing the silo does uses data protection (no cookies, no antiforgery), but authentication registers it and
        // would otherwise write unencrypted keys to the home directory: keep its keys in memory.
        services.TryAddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddRerouteSecurity();
        services.AddOpenApi();
    }

    private static void UsePipeline(WebApplication app)
    {
        // Outermost, so that even error responses carry the correlation id.
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<PrincipalContextMiddleware>();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapMeEndpoints();
        app.MapSiloEndpoints();
        app.MapClusterEndpoints();
        app.MapSchedulingEndpoints();
        app.MapPatientReplyEndpoints();
        app.MapRoutingEndpoints();
    }
}
