using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo;

public static partial class SiloHost
{
    // The scheduling API's own options, the workflow's options and services; its grains come with the grain runtime.
    private static void AddScheduling(WebApplicationBuilder builder)
    {
        builder.AddRerouteOptions<SchedulingApiOptions>(SchedulingApiOptions.SectionName);
        builder.AddRerouteOptions<FhirOptions>(FhirOptions.SectionName);
        builder.AddRerouteOptions<WorkflowOptions>(WorkflowOptions.Section);
        builder.AddRerouteOptions<ScheduleIndexOptions>(ScheduleIndexOptions.Section);
        builder.Services.AddOptions<WorkflowOptions>().PostConfigure<IOptions<SiloOptions>>(static (workflow, silo) =>
        {
            if (workflow.LinkSigningKey.Length == 0)
            {
                workflow.LinkSigningKey = OfferLinkKey.LoadOrCreate(silo.Value.GetDataDirectoryPath());
            }
        });
        builder.Services.AddRescheduling();
    }
}
