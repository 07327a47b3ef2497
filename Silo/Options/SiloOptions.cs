using System.ComponentModel.DataAnnotations;

namespace Reroute.Silo.Options;

/// <summary>The silo process itself: where it listens, where it keeps its files, how it stops.</summary>
public sealed class SiloOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Reroute:Silo";

    /// <summary>One mebibyte: large enough for any command the API takes, small enough to refuse a flood.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    /// <summary>The name the silo reports about itself; the machine name unless set.</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>Addresses to listen on, separated by ';'. Loopback by default so a fresh silo is not exposed.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Where the silo keeps its files (embedded storage, the development signing key); relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>How long a graceful shutdown (Ctrl+C, SIGTERM) may take before the host gives up waiting.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body the API accepts, in bytes.</summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>The data directory as an absolute path.</summary>
    public string GetDataDirectoryPath() => Path.GetFullPath(DataDirectory);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return new ValidationResult("must not be empty.", [nameof(Name)]);
        }

        var urls = Urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (urls.Length == 0)
        {
            yield return new ValidationResult("must name at least one address, e.g. http://127.0.0.1:8080.", [nameof(Urls)]);
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"'{url}' is not an absolute http or https address.", [nameof(Urls)]);
            }
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return new ValidationResult("must not be empty.", [nameof(DataDirectory)]);
        }

        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be greater than zero.", [nameof(ShutdownTimeout)]);
        }

        if (MaxRequestBodySize <= 0)
        {
            yield return new ValidationResult("must be greater than zero.", [nameof(MaxRequestBodySize)]);
        }
    }
}
