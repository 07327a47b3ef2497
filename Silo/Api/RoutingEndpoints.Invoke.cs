using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;
using Reroute.Runtime;
using Reroute.Silo.Inference;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>
/// <c>POST /api/inference/invoke</c>: route, then execute on the chosen node. No eligible node is 422 (the request, as
/// the tenant's policy stands, cannot be served anywhere; sending it again will not help) with the router's rationale;
/// every attempt failing is 502 with the attempts.
/// </summary>
public static partial class RoutingEndpoints
{
    private const string MessagesField = "messages";

    private static void MapInvoke(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/inference/invoke", Invoke).RequireAuthorization(Policies.AnyRole)
            .Accepts<InvokeRequestBody>("application/json")
            .WithName("InvokeInference").WithTags("Inference")
            .WithSummary("Routes an inference request and runs it on the chosen node's OpenAI-compatible endpoint, with retries and failover to the backup; the device tier gets the decision back to run itself.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway);

    private static async Task<IResult> Invoke(
        HttpRequest http,
        ClaimsPrincipal user,
        IGrainFactory grains,
        InferenceExecutor executor,
        IOptions<InferenceOptions> options,
        CancellationToken cancellationToken)
    {
        if (Tenant(user) is not { } tenant)
        {
            return NoTenant();
        }

        var (body, invalidBody) = await StrictJson.ReadAsync<InvokeRequestBody>(http);
        if (body is null)
        {
            return invalidBody!;
        }

        var errors = new Dictionary<string, string[]>();
        var request = ToRequest(body, tenant, errors);
        CheckMessages(body, options.Value, errors);
        if (request is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        RouteDecision decision;
        try
        {
            decision = await grains.GetGrain<IRouterGrain>(RoutingKeys.Router).Route(request);
        }
        catch (ArgumentException error)
        {
            return Invalid(error);
        }

        if (decision.Status != RouteStatus.Routed || decision.NodeId is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "No eligible node",
                detail: "Every node failed a hard filter for this request; the rationale says which.",
                extensions: new Dictionary<string, object?> { ["rationale"] = decision.Rationale, ["decision"] = decision });
        }

        var maxTokens = body.MaxTokens ?? (request.ExpectedOutputTokens > 0 ? request.ExpectedOutputTokens : options.Value.DefaultMaxTokens);
        var execution = await executor.Execute(request, decision, [.. body.Messages!.Value], maxTokens, cancellationToken);
        if (!execution.Succeeded)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "Every attempt failed",
                detail: $"No node answered request '{request.RequestId}'; the attempts say why.",
                extensions: new Dictionary<string, object?> { ["attempts"] = execution.Attempts, ["decision"] = decision });
        }

        return TypedResults.Ok(new InvokeResponse(decision, execution.ServedBy!, execution.Tier, execution.Content, execution.Usage, execution.Attempts));
    }

    private static void CheckMessages(InvokeRequestBody body, InferenceOptions options, Dictionary<string, string[]> errors)
    {
        if (body.MaxTokens is { } max && (max < 1 || max > options.MaxTokens))
        {
            errors[Field(nameof(InvokeRequestBody.MaxTokens))] = [$"maxTokens must be between 1 and {options.MaxTokens}."];
        }

        if (body.Messages is not { IsDefaultOrEmpty: false } messages)
        {
            errors[MessagesField] = ["At least one message is required."];
            return;
        }

        if (messages.Length > options.MaxMessages)
        {
            errors[MessagesField] = [$"At most {options.MaxMessages} messages are allowed."];
            return;
        }

        for (var i = 0; i < messages.Length; i++)
        {
            if (messages[i] is null)
            {
                errors[$"{MessagesField}[{i}]"] = ["A message is required."];
                continue;
            }

            if (string.IsNullOrWhiteSpace(messages[i].Role))
            {
                errors[$"{MessagesField}[{i}].role"] = ["role is required."];
            }

            if (messages[i].Content is null)
            {
                errors[$"{MessagesField}[{i}].content"] = ["content is required."];
            }
        }
    }
}
