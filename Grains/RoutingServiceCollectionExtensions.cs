using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reroute.Grains.Inference;
using Reroute.Grains.Routing;

namespace Reroute.Grains;

/// <summary>The services the routing grains need beyond the grain runtime.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the routing grains' services: the built-in rule engine as the reasoning <see cref="IChatClient"/> unless one
    /// is registered already (a host that wants Bedrock or an OpenAI-compatible endpoint registers its own first), and the
    /// silo's <see cref="DecisionCache"/>, shared by the router's activations.
    /// </summary>
    public static IServiceCollection AddRoutingServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IChatClient, RuleBasedChatClient>();
        services.TryAddSingleton<DecisionCache>();
        return services;
    }
}
