using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Silo.Inference;
using Reroute.Silo.Options;

namespace Reroute.Silo;

public static partial class SiloHost
{
    // Executing invoked requests: its options under Reroute:Inference and the HTTP client nodes are called with.
    private static void AddInference(WebApplicationBuilder builder)
    {
        builder.AddRerouteOptions<InferenceOptions>(InferenceOptions.Section);
        builder.Services.AddHttpClient<InferenceExecutor>();
    }
}
