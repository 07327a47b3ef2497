using System.Security.Cryptography;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Silo.Options;

namespace Reroute.Silo.Security;

/// <summary>
/// The key that signs offer links when none is configured: generated once into the data directory (owner-only), so
/// links in messages already sent keep working across restarts.
/// </summary>
internal static class OfferLinkKey
{
    /// <summary>The key file's name in the data directory.</summary>
    public const string FileName = "offer-links.key";

    /// <summary>The key in the data directory, created on first use.</summary>
    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(WorkflowOptions.MinLinkKeyBytes));
            if (SigningKeyRing.TryCreate(path, key))
            {
                return key;
            }
        }

        var existing = File.ReadAllText(path).Trim();
        var buffer = new byte[existing.Length];
        return Convert.TryFromBase64String(existing, buffer, out var written) && written >= WorkflowOptions.MinLinkKeyBytes
            ? existing
            : throw new ConfigurationValidationException(
                [$"The offer link key '{path}' is not base64 of at least {WorkflowOptions.MinLinkKeyBytes} bytes; delete it to generate a new one (links already sent stop working)."]);
    }
}
