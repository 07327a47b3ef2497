namespace Reroute.Silo.Options;

/// <summary>Configuration the silo refuses to start with. The message is one line and names every offending key.</summary>
public sealed class ConfigurationValidationException : Exception
{
    /// <summary>Creates the exception from one message per offending key.</summary>
    public ConfigurationValidationException(IReadOnlyList<string> errors)
        : base("Invalid configuration: " + string.Join(" ", errors))
    {
        Errors = errors;
    }

    /// <summary>One message per offending key.</summary>
    public IReadOnlyList<string> Errors { get; }
}
