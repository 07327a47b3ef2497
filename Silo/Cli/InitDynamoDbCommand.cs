using System.CommandLine;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reroute.Runtime.Hosting;
using Reroute.Runtime.Persistence.DynamoDb;
using Reroute.Silo.Options;

namespace Reroute.Silo.Cli;

/// <summary>The <c>init-dynamodb</c> verb: creates the grain state and reminder tables the silo's configuration names.</summary>
internal static class InitDynamoDbCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(IReadOnlyList<string> overrides)
    {
        var command = new Command(
            "init-dynamodb",
            "Create the DynamoDB tables for grain state and reminders (Reroute:Storage:DynamoDb:StateTable, RemindersTable) "
            + "if they are missing, and wait until they are active. Uses the silo's configuration; existing tables are left as they are.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var (app, buildExit) = await SiloLaunch.BuildAsync([.. overrides], error);
            if (app is null)
            {
                return buildExit;
            }

            await using (app)
            {
                var options = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DynamoDb;
                var client = app.Services.GetRequiredService<IAmazonDynamoDB>();
                // The SDK retries an unreachable endpoint with backoff for a minute or more: say what is being waited for.
                await error.WriteLineAsync($"DynamoDB at {options.ServiceUrl ?? options.Region}: creating {options.StateTable} and {options.RemindersTable} if missing …");
                try
                {
                    var created = await DynamoDbTables.EnsureCreatedAsync(client, options, app.Services.GetRequiredService<TimeProvider>(), cancellationToken);
                    foreach (var table in new[] { options.StateTable, options.RemindersTable })
                    {
                        await output.WriteLineAsync($"{table}: {(created.Contains(table) ? "created" : "exists")}, active");
                    }
                }
                catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or HttpRequestException or OperationCanceledException)
                {
                    await error.WriteLineAsync($"DynamoDB at {options.ServiceUrl ?? options.Region}: {ex.Message}");
                    return ExitCodes.Storage;
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
