using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Reroute.Silo.Options;

namespace Reroute.Silo.Security;

/// <summary>
/// The HMAC keys the silo signs and validates tokens with: the configured <see cref="AuthOptions.SigningKeys"/>, or,
/// when there are none and <see cref="AuthOptions.DevelopmentKey"/> allows it, a key generated once into the data
/// directory so that tokens minted by the <c>token</c> verb keep working across restarts.
/// </summary>
public sealed class SigningKeyRing
{
    /// <summary>The file name of the development key inside the data directory.</summary>
    public const string DevelopmentKeyFileName = "dev-signing-key";

    // Eight bytes of hash tell a handful of rotated keys apart; more would only lengthen every token header.
    private const int KeyIdBytes = 8;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>Loads the configured keys, or loads or creates the development key.</summary>
    public SigningKeyRing(IOptions<AuthOptions> authOptions, IOptions<SiloOptions> siloOptions, ILogger<SigningKeyRing> logger)
    {
        ArgumentNullException.ThrowIfNull(authOptions);
        ArgumentNullException.ThrowIfNull(siloOptions);
        ArgumentNullException.ThrowIfNull(logger);
        var auth = authOptions.Value;

        var keys = auth.SigningKeys
            .Select((key, index) => AuthOptions.DecodeKey(key)
                ?? throw new ConfigurationValidationException([$"'{AuthOptions.SectionName}:{nameof(AuthOptions.SigningKeys)}:{index}' must be base64 of at least {AuthOptions.MinimumSigningKeyBytes} bytes."]))
            .ToList();

        if (keys.Count == 0)
        {
            if (!auth.DevelopmentKey)
            {
                throw new ConfigurationValidationException(
                    [$"'{AuthOptions.SectionName}:{nameof(AuthOptions.SigningKeys)}' is empty and {nameof(AuthOptions.DevelopmentKey)} is false: configure at least one signing key."]);
            }

            DevelopmentKeyPath = Path.Combine(siloOptions.Value.GetDataDirectoryPath(), DevelopmentKeyFileName);
            keys.Add(LoadOrCreateDevelopmentKey(DevelopmentKeyPath, logger));
        }

        Keys = keys.Select(CreateSecurityKey).ToList();
    }

    /// <summary>Every key that validates; the first one also signs.</summary>
    public IReadOnlyList<SymmetricSecurityKey> Keys { get; }

    /// <summary>The key tokens are signed with.</summary>
    public SymmetricSecurityKey SigningKey => Keys[0];

    /// <summary>Where the development key lives, when one is in use.</summary>
    public string? DevelopmentKeyPath { get; }

    private static SymmetricSecurityKey CreateSecurityKey(byte[] key) =>
        // The key id is a short hash, so a validator finds the right key at once and the id reveals nothing of the key.
        new(key) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(key).AsSpan(0, KeyIdBytes).ToArray()) };

    private static byte[] LoadOrCreateDevelopmentKey(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(AuthOptions.MinimumSigningKeyBytes);
            if (TryCreate(path, Convert.ToBase64String(key)))
            {
                logger.LogWarning(
                    "Generated a development signing key at {KeyPath}; configure Reroute:Auth:SigningKeys and set Reroute:Auth:DevelopmentKey=false in production",
                    path);
                return key;
            }
        }

        var existing = AuthOptions.DecodeKey(File.ReadAllText(path))
            ?? throw new ConfigurationValidationException(
                [$"The development signing key '{path}' is not base64 of at least {AuthOptions.MinimumSigningKeyBytes} bytes; delete it to generate a new one."]);
        logger.LogWarning(
            "Using the development signing key at {KeyPath}; configure Reroute:Auth:SigningKeys and set Reroute:Auth:DevelopmentKey=false in production",
            path);
        return existing;
    }

    // CreateNew, so that two silos starting on one data directory at once cannot overwrite each other's key.
    internal static bool TryCreate(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(content);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
