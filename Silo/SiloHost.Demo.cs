using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Silo.Hosting;
using Reroute.Silo.Options;

namespace Reroute.Silo;

public static partial class SiloHost
{
    // After the grain runtime: hosted services start in registration order, and seeding needs the store open.
    private static void AddDemo(WebApplicationBuilder builder)
    {
        builder.AddRerouteOptions<DemoOptions>(DemoOptions.SectionName);
        builder.Services.AddHostedService<DemoSeedService>();
    }
}
