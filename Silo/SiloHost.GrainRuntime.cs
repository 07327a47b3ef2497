using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reroute.Grains;
using Reroute.Grains.Routing;
using Reroute.Grains.Scheduling.Notifications;
using Reroute.Runtime.Hosting;
using Reroute.Silo.Options;

namespace Reroute.Silo;

public static partial class SiloHost
{
    // The one place the grain runtime joins the host.
    private static void AddGrainRuntime(WebApplicationBuilder builder)
    {
        var guard = builder.Services.GetConfigurationGuard();
        guard.Register<RuntimeOptions>(RuntimeOptions.Section);
        guard.Register<StorageOptions>(StorageOptions.Section);
        guard.Register<Reroute.Runtime.Cluster.ClusterOptions>(Reroute.Runtime.Cluster.ClusterOptions.Section);
        builder.AddRerouteOptions<RoutingGrainOptions>(RoutingGrainOptions.Section);
        builder.Services.AddRoutingServices();
        AddNotifications(builder);
        AddInference(builder);
        builder.Services.AddGrainRuntime(builder.Configuration, runtime => runtime.AddGrainAssembly(GrainsAssembly.Assembly));

        // One data folder per silo: the embedded store lives in Reroute:Silo:DataDirectory unless given its own.
        if (builder.Configuration[$"{StorageOptions.Section}:Sqlite:DataDirectory"] is null)
        {
            builder.Services.AddOptions<StorageOptions>()
                .PostConfigure<IOptions<SiloOptions>>(static (storage, silo) => storage.Sqlite.DataDirectory = silo.Value.GetDataDirectoryPath());
        }
    }

    // Senders are transient so each dispatcher gets webhook senders holding a fresh client from the HTTP client factory.
    private static void AddNotifications(WebApplicationBuilder builder)
    {
        builder.AddRerouteOptions<NotificationOptions>(NotificationOptions.Section);
        builder.Services.AddHttpClient<WebhookSmsSender>();
        builder.Services.AddHttpClient<WebhookIvrSender>();
        builder.Services.AddTransient<SmtpEmailSender>();
        builder.Services.AddTransient<INotificationSender>(static sp => sp.GetRequiredService<SmtpEmailSender>());
        builder.Services.AddTransient<INotificationSender>(static sp => sp.GetRequiredService<WebhookSmsSender>());
        builder.Services.AddTransient<INotificationSender>(static sp => sp.GetRequiredService<WebhookIvrSender>());
        builder.Services.AddTransient<NotificationDispatcher>();
    }
}
