using Microsoft.AspNetCore.Builder;

namespace Reroute.Silo;

public static partial class SiloHost
{
    // The one place the grain runtime joins the host. Its options register in one line each, e.g.
    // builder.AddRerouteOptions<RuntimeOptions>("Reroute:Runtime"); readiness: replace the ApplicationStarted
    // hook in SiloHost.Build with SiloReadiness.MarkReady() once the runtime has started.
    private static void AddGrainRuntime(WebApplicationBuilder builder)
    {
        // wired by the runtime
    }
}
