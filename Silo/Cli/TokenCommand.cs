using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo.Cli;

/// <summary>The <c>token</c> verb: prints a JWT the silo accepts, signed with the key the silo validates with.</summary>
internal static class TokenCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(IReadOnlyList<string> overrides)
    {
        var role = new Option<string[]>("--role")
        {
            Description = $"Role the token grants; repeat for several. One of: {string.Join(", ", Roles.All)}.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        role.AcceptOnlyFromAmong([.. Roles.All]);

        var tenant = new Option<string?>("--tenant")
        {
            Description = "Tenant (clinic network or edge operator) the token is scoped to.",
        };

        var subject = new Option<string>("--subject")
        {
            Description = "Subject (sub claim) of the token; the current user name if omitted.",
            DefaultValueFactory = _ => Environment.UserName,
        };

        var lifetime = new Option<TimeSpan?>("--lifetime")
        {
            Description = "How long the token lives, as 08:00:00 or 90s, 30m, 8h, 7d; Reroute:Auth:TokenLifetime (8h) if omitted.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
                if (DurationParser.TryParse(text, out var value) && value > TimeSpan.Zero)
                {
                    return value;
                }

                result.AddError($"'{text}' is not a positive duration (e.g. 8h, 30m, 08:00:00).");
                return null;
            },
        };

        var command = new Command(
            "token",
            "Print a signed JWT for the silo's API to standard output, and nothing else. Reads the same configuration as the "
            + "silo (Reroute:Auth, and Reroute:Silo:DataDirectory for the development key), so pass the same overrides.")
        {
            role,
            tenant,
            subject,
            lifetime,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            // Logs to standard error: standard output carries the token alone, so it can be captured as it is. A person
            // reads them here, not a log shipper: one plain line each instead of the silo's JSON.
            var (app, buildExit) = await SiloLaunch.BuildAsync(
                [.. overrides],
                error,
                static builder =>
                {
                    builder.Logging.ClearProviders();
                    builder.Logging.AddSimpleConsole(static o => o.SingleLine = true);
                    builder.Services.Configure<ConsoleLoggerOptions>(static o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                });
            if (app is null)
            {
                return buildExit;
            }

            await using (app)
            {
                var issuer = app.Services.GetRequiredService<TokenIssuer>();
                var token = issuer.Issue(
                    parseResult.GetRequiredValue(subject),
                    parseResult.GetRequiredValue(role).Distinct(StringComparer.Ordinal).ToList(),
                    parseResult.GetValue(tenant),
                    parseResult.GetValue(lifetime));
                await output.WriteLineAsync(token);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
