using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;
using Reroute.Runtime;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>
/// MEC node registration and heartbeats, routing decisions, decision history and tenant routing policy. Every rejected
/// input is an RFC 7807 validation problem naming the field: bodies are read by <see cref="StrictJson"/> (not parameter
/// binding, which answers a bare 400 and ignores unknown fields), and the grains check values, so the API and the grain
/// path refuse the same things.
/// </summary>
public static partial class RoutingEndpoints
{
    private const string LimitField = "limit";

    /// <summary>Maps the MEC node, inference routing and routing policy endpoints.</summary>
    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var nodes = endpoints.MapGroup("/api/mec/nodes").WithTags("MEC nodes")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        nodes.MapPost("/{id}", Register).RequireAuthorization(Policies.MecNode)
            .Accepts<MecNodeProfile>("application/json").ProducesValidationProblem()
            .WithName("RegisterMecNode").WithSummary("Registers (or re-registers) a node's profile: tier, place, capacity, cost, models, approvals.");
        nodes.MapPost("/{id}/heartbeat", Heartbeat).RequireAuthorization(Policies.MecNode)
            .Accepts<MecNodeHeartbeat>("application/json").ProducesValidationProblem()
            .WithName("MecNodeHeartbeat").WithSummary("Reports a node's load, queue, backlog, health and warm models.");
        nodes.MapGet("/", ListNodes).RequireAuthorization(Policies.Operations)
            .WithName("ListMecNodes").WithSummary("Every registered node with its health, load and breaker.");
        nodes.MapGet("/{id}", GetNode).RequireAuthorization(Policies.Operations)
            .WithName("GetMecNode").WithSummary("One node with its health, load and breaker.");
        MapCache(nodes);

        endpoints.MapPost("/api/inference/route", Route).RequireAuthorization(Policies.AnyRole)
            .Accepts<RouteRequestBody>("application/json").ProducesValidationProblem()
            .WithName("RouteInference").WithTags("Inference")
            .WithSummary("Decides where an inference request goes (tier, node, backup, confidence, rationale, timeout and retry plan) without running it.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        MapInvoke(endpoints);

        endpoints.MapPost("/api/inference/outcome", Outcome).RequireAuthorization(Policies.AnyRole)
            .Accepts<RouteOutcome>("application/json").ProducesValidationProblem()
            .WithName("ReportInferenceOutcome").WithTags("Inference")
            .WithSummary("Reports how a routed request went on its node: counts toward the node's breaker and is attached to the decision.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var routing = endpoints.MapGroup("/api/routing").WithTags("Routing")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        routing.MapGet("/decisions", Decisions)
            .RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
                .RequireRole([.. Policies.RolesOf[Policies.Operations].Union(Policies.RolesOf[Policies.Audit])]).Build())
            .WithName("ListRoutingDecisions").WithSummary("The caller's tenant's routing decisions, newest first, with rationale and outcome.");
        routing.MapGet("/policy", GetPolicy).RequireAuthorization(Policies.Admin)
            .WithName("GetRoutingPolicy").WithSummary("The caller's tenant's routing policy (PHI approvals, regions, compliance).");
        routing.MapPut("/policy", PutPolicy).RequireAuthorization(Policies.Admin)
            .Accepts<RoutingPolicyBody>("application/json").ProducesValidationProblem()
            .WithName("PutRoutingPolicy").WithSummary("Replaces the caller's tenant's routing policy.");
        MapReport(routing);

        return endpoints;
    }

    private static async Task<IResult> Register(string id, HttpRequest http, IGrainFactory grains)
    {
        var (profile, invalidBody) = await StrictJson.ReadAsync<MecNodeProfile>(http);
        if (profile is null)
        {
            return invalidBody!;
        }

        var node = grains.GetGrain<IResourceGrain>(id);
        try
        {
            await node.Register(profile);
        }
        catch (ArgumentException error)
        {
            return Invalid(error);
        }

        return TypedResults.Ok(await Status(grains, id, (await node.Snapshot())!));
    }

    private static async Task<IResult> Heartbeat(string id, HttpRequest http, IGrainFactory grains)
    {
        var (heartbeat, invalidBody) = await StrictJson.ReadAsync<MecNodeHeartbeat>(http);
        if (heartbeat is null)
        {
            return invalidBody!;
        }

        try
        {
            return TypedResults.Ok(await Status(grains, id, await grains.GetGrain<IResourceGrain>(id).Heartbeat(heartbeat)));
        }
        catch (ArgumentException error)
        {
            return Invalid(error);
        }
        catch (KeyNotFoundException)
        {
            return UnknownNode(id);
        }
    }

    private static async Task<IResult> ListNodes(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<INodeDirectoryGrain>(RoutingKeys.Directory).Nodes();
        var statuses = new List<MecNodeStatus>(ids.Length);
        foreach (var id in ids)
        {
            if (await grains.GetGrain<IResourceGrain>(id).Snapshot() is { } snapshot)
            {
                statuses.Add(await Status(grains, id, snapshot));
            }
        }

        return TypedResults.Ok(statuses);
    }

    private static async Task<IResult> GetNode(string id, IGrainFactory grains) =>
        await grains.GetGrain<IResourceGrain>(id).Snapshot() is { } snapshot
            ? TypedResults.Ok(await Status(grains, id, snapshot))
            : UnknownNode(id);

    private static async Task<IResult> Route(HttpRequest http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Tenant(user) is not { } tenant)
        {
            return NoTenant();
        }

        var (body, invalidBody) = await StrictJson.ReadAsync<RouteRequestBody>(http);
        if (body is null)
        {
            return invalidBody!;
        }

        var errors = new Dictionary<string, string[]>();
        var request = ToRequest(body, tenant, errors);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            return TypedResults.Ok(await grains.GetGrain<IRouterGrain>(RoutingKeys.Router).Route(request));
        }
        catch (ArgumentException error)
        {
            return Invalid(error);
        }
    }

    private static async Task<IResult> Outcome(HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        if (Tenant(user) is not { } tenant)
        {
            return NoTenant();
        }

        var (outcome, invalidBody) = await StrictJson.ReadAsync<RouteOutcome>(http);
        if (outcome is null)
        {
            return invalidBody!;
        }

        if (string.IsNullOrWhiteSpace(outcome.RequestId) || string.IsNullOrWhiteSpace(outcome.NodeId))
        {
            var field = string.IsNullOrWhiteSpace(outcome.RequestId) ? nameof(RouteOutcome.RequestId) : nameof(RouteOutcome.NodeId);
            return Invalid(field, $"{field} is required.");
        }

        if (!double.IsFinite(outcome.LatencyMs) || outcome.LatencyMs < 0)
        {
            return Invalid(nameof(RouteOutcome.LatencyMs), "LatencyMs must be a number zero or more.");
        }

        // The device tier has no breaker: its outcome only goes to the history.
        BreakerStatus? breaker = null;
        var tier = ComputeTier.Device;
        if (!string.Equals(outcome.NodeId, RoutePlanner.DeviceNodeId, StringComparison.Ordinal))
        {
            if (await grains.GetGrain<IResourceGrain>(outcome.NodeId).Snapshot() is not { } node)
            {
                return UnknownNode(outcome.NodeId);
            }

            tier = node.Tier;
            breaker = await BreakerOutcomes.Record(grains, tier, outcome);
        }

        var log = grains.GetGrain<IDecisionLogGrain>(RoutingKeys.DecisionLog(tenant, time.GetUtcNow()));
        await log.RecordOutcome(outcome);
        var decided = await log.Find(outcome.RequestId);
        await grains.GetGrain<IMonitorGrain>(RoutingKeys.Monitor)
            .Observe(RoutingObservations.From(decided?.Decision, outcome.NodeId, tier, outcome.Succeeded, outcome.LatencyMs));
        return breaker is null ? TypedResults.NoContent() : TypedResults.Ok(breaker);
    }

    private static async Task<IResult> Decisions(int? limit, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time, IOptions<RoutingGrainOptions> options)
    {
        if (Tenant(user) is not { } tenant)
        {
            return NoTenant();
        }

        var max = options.Value.MaxDecisionQueryLimit;
        var wanted = limit ?? options.Value.DefaultDecisionQueryLimit;
        if (wanted < 1 || wanted > max)
        {
            return Invalid(LimitField, $"limit must be between 1 and {max}.");
        }

        // One log per tenant-day: walk back from today until the limit is filled or the lookback is used up.
        var now = time.GetUtcNow();
        var records = new List<DecisionRecord>(wanted);
        for (var day = 0; day < options.Value.DecisionLookbackDays && records.Count < wanted; day++)
        {
            var log = grains.GetGrain<IDecisionLogGrain>(RoutingKeys.DecisionLog(tenant, now.AddDays(-day)));
            records.AddRange(await log.Recent(wanted - records.Count));
        }

        return TypedResults.Ok(records);
    }

    private static async Task<IResult> GetPolicy(ClaimsPrincipal user, IGrainFactory grains) =>
        Tenant(user) is { } tenant
            ? TypedResults.Ok(await grains.GetGrain<ITenantRoutingPolicyGrain>(tenant).Get())
            : NoTenant();

    private static async Task<IResult> PutPolicy(HttpRequest http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Tenant(user) is not { } tenant)
        {
            return NoTenant();
        }

        var (body, invalidBody) = await StrictJson.ReadAsync<RoutingPolicyBody>(http);
        if (body is null)
        {
            return invalidBody!;
        }

        if (body.PhiApprovedTiers.IsDefault || body.PhiApprovedTiers.Any(t => !Enum.IsDefined(t)))
        {
            return Invalid(nameof(RoutingPolicyBody.PhiApprovedTiers), "PhiApprovedTiers holds an unknown tier.");
        }

        var policy = new TenantPolicy
        {
            TenantId = tenant,
            PhiApprovedTiers = body.PhiApprovedTiers,
            PhiApprovedNodes = Clean(body.PhiApprovedNodes),
            AllowedRegions = Clean(body.AllowedRegions),
            RequiredComplianceTags = Clean(body.RequiredComplianceTags),
        };
        return TypedResults.Ok(await grains.GetGrain<ITenantRoutingPolicyGrain>(tenant).Set(policy));
    }

    private static InferenceRequest? ToRequest(RouteRequestBody body, string tenant, Dictionary<string, string[]> errors)
    {
        Required(body.RequestId, nameof(RouteRequestBody.RequestId), errors);
        Required(body.RequiredModel, nameof(RouteRequestBody.RequiredModel), errors);
        Required(body.Region, nameof(RouteRequestBody.Region), errors);
        if (body.LatencySlaMs is null)
        {
            errors[Field(nameof(RouteRequestBody.LatencySlaMs))] = ["LatencySlaMs is required."];
        }

        var modality = ParseEnum(body.Modality, Modality.Text, nameof(RouteRequestBody.Modality), errors);
        var privacy = ParseEnum(body.Privacy, PrivacyLevel.Public, nameof(RouteRequestBody.Privacy), errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new InferenceRequest
        {
            RequestId = body.RequestId!,
            TenantId = tenant,
            Modality = modality,
            InputTokens = body.InputTokens ?? 0,
            InputBytes = body.InputBytes ?? 0,
            ExpectedOutputTokens = body.ExpectedOutputTokens ?? 0,
            RequiredModel = body.RequiredModel!,
            LatencySlaMs = body.LatencySlaMs!.Value,
            CostBudget = body.CostBudget ?? 0,
            Privacy = privacy,
            ComplianceTags = Clean(body.ComplianceTags ?? []),
            Region = body.Region!,
            Cell = body.Cell ?? "",
            Device = body.Device ?? new DeviceCapabilities(),
            Network = body.Network ?? new NetworkConditions(),
        };
    }

    private static T ParseEnum<T>(string? text, T fallback, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        // Names only: Enum.TryParse also accepts numbers, which would let "7" through as a modality.
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            errors[Field(field)] = [$"{field} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}."];
            return fallback;
        }

        return Enum.Parse<T>(name);
    }

    private static void Required(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[Field(field)] = [$"{field} is required."];
        }
    }

    private static ImmutableArray<string> Clean(ImmutableArray<string> values) =>
        values.IsDefault ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v))];

    private static async Task<MecNodeStatus> Status(IGrainFactory grains, string id, NodeSnapshot snapshot) =>
        new(snapshot, await grains.GetGrain<ICircuitBreakerGrain>(id).Status());

    private static string? Tenant(ClaimsPrincipal user) =>
        user.FindFirst(ClaimNames.Tenant)?.Value is { Length: > 0 } tenant ? tenant : null;

    private static string Field(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static IResult Invalid(ArgumentException error)
    {
        var field = error.ParamName ?? "body";
        var message = error.Message.Replace($" (Parameter '{error.ParamName}')", "", StringComparison.Ordinal);
        return Invalid(field, message);
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Field(field)] = [message] });

    private static IResult UnknownNode(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown MEC node", detail: $"Node '{id}' is not registered.");

    private static IResult NoTenant() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No tenant", detail: "The token names no tenant; routing is per tenant.");
}
