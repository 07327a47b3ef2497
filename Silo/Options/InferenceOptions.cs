using System.ComponentModel.DataAnnotations;

namespace Reroute.Silo.Options;

/// <summary>How the silo executes invoked inference requests on MEC and cloud nodes, bound from <c>Reroute:Inference</c>.</summary>
public sealed record InferenceOptions : IValidatableObject
{
    // Bounds on what the options may be set to: wide enough for any deployment, narrow enough to catch a unit mistake.
    private const int MaxTokenCeiling = 1_000_000;
    private const int MaxMessageCeiling = 10_000;

    /// <summary>The configuration section.</summary>
    public const string Section = "Reroute:Inference";

    /// <summary>
    /// The longest the silo waits between two attempts, whatever backoff the decision asks for; zero retries at once
    /// (tests use it so that no test waits on the clock).
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest one attempt may take, whatever timeout the decision asks for, so a node cannot hold a request.</summary>
    public TimeSpan MaxAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The shortest one attempt is given, whatever timeout the decision asks for, so that an optimistic latency estimate
    /// does not cut off a healthy node; zero lets the decision's timeout stand.
    /// </summary>
    public TimeSpan MinAttemptTimeout { get; set; } = TimeSpan.Zero;

    /// <summary><c>max_tokens</c> sent when neither the request nor its expected output size says.</summary>
    public int DefaultMaxTokens { get; set; } = 256;

    /// <summary>The largest <c>maxTokens</c> a caller may ask for.</summary>
    public int MaxTokens { get; set; } = 32_768;

    /// <summary>The most chat messages one request may carry.</summary>
    public int MaxMessages { get; set; } = 256;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value, min, max) in new[]
        {
            (nameof(MaxBackoff), MaxBackoff, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
            (nameof(MaxAttemptTimeout), MaxAttemptTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10)),
            (nameof(MinAttemptTimeout), MinAttemptTimeout, TimeSpan.Zero, MaxAttemptTimeout),
        })
        {
            if (value < min || value > max)
            {
                yield return new ValidationResult($"must be between {min} and {max} (was {value}).", [name]);
            }
        }

        foreach (var (name, value, max) in new[]
        {
            (nameof(DefaultMaxTokens), DefaultMaxTokens, MaxTokenCeiling),
            (nameof(MaxTokens), MaxTokens, MaxTokenCeiling),
            (nameof(MaxMessages), MaxMessages, MaxMessageCeiling),
        })
        {
            if (value < 1 || value > max)
            {
                yield return new ValidationResult($"must be between 1 and {max} (was {value}).", [name]);
            }
        }
    }
}
