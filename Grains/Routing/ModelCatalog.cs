using System.Diagnostics.CodeAnalysis;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>Lookups in a routing model's catalog; a linear scan, because catalogs hold a handful of models.</summary>
internal static class ModelCatalog
{
    public static bool TryFind(RoutingModel model, string name, [NotNullWhen(true)] out ModelProfile? profile)
    {
        if (!model.Models.IsDefault)
        {
            foreach (var candidate in model.Models)
            {
                if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
                {
                    profile = candidate;
                    return true;
                }
            }
        }

        profile = null;
        return false;
    }
}
