using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary><c>/api/providers</c>: profiles, the directory by clinic and discipline, unavailability.</summary>
internal static class ProviderEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/providers/{id}", Upsert)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("PutProvider")
            .WithSummary("Creates or replaces a provider's profile (201 when created).")
            .Accepts<ProviderProfile>("application/json")
            .Produces<ProviderProfile>()
            .ProducesValidationProblem();

        api.MapGet("/providers/{id}", Get)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetProvider")
            .WithSummary("A provider's profile, booked slots included.")
            .Produces<ProviderProfile>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/providers", Find)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("FindProviders")
            .WithSummary("The tenant's providers, optionally at one clinic and in one discipline.")
            .Produces<IReadOnlyList<ProviderListing>>();

        api.MapPost("/providers/{id}/unavailability", AddUnavailability)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("AddProviderUnavailability")
            .WithSummary("Records a period the provider cannot see patients (Idempotency-Key honoured).")
            .Accepts<UnavailabilityPeriod>("application/json")
            .Produces<ProviderProfile>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Task<IResult> Upsert(string id, HttpContext http, IGrainFactory grains)
        => SchedulingRequest.ReplaceAsync<ProviderProfile, ProviderProfile>(
            id,
            http,
            static body => body.Id,
            key => grains.GetGrain<IProviderGrain>(key).Get(),
            (key, body) => grains.GetGrain<IProviderGrain>(key).Upsert(body));

    private static Task<IResult> Get(string id, HttpContext http, IGrainFactory grains)
        => SchedulingRequest.ReadAsync(id, http, "Provider", key => grains.GetGrain<IProviderGrain>(key).Get());

    private static async Task<IResult> Find(string? clinic, string? discipline, HttpContext http, IGrainFactory grains)
    {
        var found = await grains.GetGrain<IProviderDirectoryGrain>(SchedulingRequest.Tenant(http.User)!).Find(clinic, discipline);
        return SchedulingRequest.Ok(found);
    }

    private static async Task<IResult> AddUnavailability(string id, HttpContext http, IGrainFactory grains, IOptions<SchedulingApiOptions> options)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } badId)
        {
            return badId;
        }

        var tenant = SchedulingRequest.Tenant(http.User)!;
        var body = await StrictJson.ReadBodyAsync(http.Request);
        var (period, error) = StrictJson.Parse<UnavailabilityPeriod>(body);
        if (error is not null)
        {
            return error;
        }

        var grain = grains.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, id));
        return await IdempotentWrite.RunAsync(http, grains, options, tenant, body, () => SchedulingRequest.GuardAsync(
            async () => SchedulingRequest.Ok(await grain.AddUnavailability(period!))));
    }
}
