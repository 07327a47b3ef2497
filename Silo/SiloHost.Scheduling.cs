using Microsoft.AspNetCore.Builder;
using Reroute.Silo.Options;

namespace Reroute.Silo;

public static partial class SiloHost
{
    // The scheduling API's own options; its grains come with the grain runtime.
    private static void AddScheduling(WebApplicationBuilder builder)
    {
        builder.AddRerouteOptions<SchedulingApiOptions>(SchedulingApiOptions.SectionName);
        builder.AddRerouteOptions<FhirOptions>(FhirOptions.SectionName);
    }
}
