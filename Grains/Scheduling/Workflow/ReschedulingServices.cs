using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reroute.Grains.Scheduling.Notifications;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>The services the rescheduling grains need, for any host (the silo, tests, benchmarks).</summary>
public static class ReschedulingServices
{
    /// <summary>
    /// Adds the link signer, the message composer with the built-in template engine as its default chat client (keyed
    /// <see cref="PatientMessageComposer.ChatClientKey"/>), and the front desk. The host binds <see cref="WorkflowOptions"/>
    /// and gives it a link signing key.
    /// </summary>
    public static IServiceCollection AddRescheduling(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WorkflowOptions>();
        services.TryAddKeyedSingleton<IChatClient, TemplateChatClient>(PatientMessageComposer.ChatClientKey);
        services.TryAddSingleton<OfferLinks>();
        services.TryAddTransient<PatientMessageComposer>();
        services.TryAddSingleton<ReschedulingDesk>();
        services.TryAddTransient<NotificationDispatcher>();
        return services;
    }
}
