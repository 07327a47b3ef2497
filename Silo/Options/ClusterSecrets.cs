using Microsoft.Extensions.Configuration;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Runtime.Cluster;

namespace Reroute.Silo.Options;

/// <summary>
/// Keys every silo of a cluster must share. A token one silo issued and an offer link one silo signed are checked by
/// whichever silo the load balancer picks, so neither key may be the one a silo generates into its own data folder when
/// none is configured (that is right for one embedded silo only, and is lost with a container's disk).
/// </summary>
internal static class ClusterSecrets
{
    /// <summary>One message per shared key missing in RabbitMQ mode; none in embedded mode.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        if (configuration.GetValue<ClusterMode>($"{ClusterOptions.Section}:{nameof(ClusterOptions.Mode)}") != ClusterMode.RabbitMQ)
        {
            return [];
        }

        var errors = new List<string>();
        var signingKeys = $"{AuthOptions.SectionName}:{nameof(AuthOptions.SigningKeys)}";
        if (!configuration.GetSection(signingKeys).GetChildren().Any())
        {
            errors.Add($"'{signingKeys}' is required in cluster mode: every silo must accept the tokens the others accept (without it each silo generates a development key of its own).");
        }

        var linkKey = $"{WorkflowOptions.Section}:{nameof(WorkflowOptions.LinkSigningKey)}";
        if (string.IsNullOrEmpty(configuration[linkKey]))
        {
            errors.Add($"'{linkKey}' is required in cluster mode: an offer link signed by one silo is opened on any other (without it each silo generates a link key of its own).");
        }

        return errors;
    }
}
