namespace Reroute.Silo.Cli;

/// <summary>
/// Takes configuration overrides (<c>--Section:Key=value</c> or <c>--Section:Key value</c>) out of the command line
/// before System.CommandLine parses the rest, so that the verbs keep strict parsing: anything else unknown is an error.
/// </summary>
internal static class ConfigurationOverrides
{
    private const string Prefix = "--";

    /// <summary>Splits <paramref name="args"/> into the arguments for the parser and the overrides for the host (as <c>--Key=value</c>).</summary>
    /// <returns>False, with <paramref name="error"/> set, when an override has no value.</returns>
    public static bool TrySplit(IReadOnlyList<string> args, out List<string> commandLine, out List<string> overrides, out string? error)
    {
        commandLine = [];
        overrides = [];
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith(Prefix, StringComparison.Ordinal))
            {
                commandLine.Add(arg);
                continue;
            }

            var body = arg[Prefix.Length..];
            var separator = body.IndexOf('=', StringComparison.Ordinal);
            var key = separator >= 0 ? body[..separator] : body;
            if (!IsConfigurationKey(key))
            {
                commandLine.Add(arg);
            }
            else if (separator >= 0)
            {
                overrides.Add(arg);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith(Prefix, StringComparison.Ordinal))
            {
                overrides.Add($"{Prefix}{key}={args[++i]}");
            }
            else
            {
                error = $"Configuration override '{arg}' has no value: write --Section:Key=value.";
                return false;
            }
        }

        return true;
    }

    // Configuration paths have at least two segments (Section:Key); no option of the verbs contains a colon.
    private static bool IsConfigurationKey(string key) =>
        key.Contains(':', StringComparison.Ordinal) && !key.StartsWith(':') && !key.EndsWith(':') && !key.Contains("::", StringComparison.Ordinal);
}
