using Reroute.TestServers;

namespace Reroute.Silo.Tests.Infrastructure;

/// <summary>The silo's command-line settings for DynamoDB storage on the test's dynalite, in tables of its own.</summary>
internal static class DynaliteTables
{
    /// <summary>Storage on <paramref name="dynalite"/> in tables <c>state-{suffix}</c> and <c>reminders-{suffix}</c>.</summary>
    public static string[] Args(DynaliteServer dynalite, string suffix) =>
    [
        "--Reroute:Storage:Provider=DynamoDb",
        $"--Reroute:Storage:DynamoDb:ServiceUrl={dynalite.ServiceUrl}",
        "--Reroute:Storage:DynamoDb:AccessKey=local",
        "--Reroute:Storage:DynamoDb:SecretKey=local",
        $"--Reroute:Storage:DynamoDb:StateTable=state-{suffix}",
        $"--Reroute:Storage:DynamoDb:RemindersTable=reminders-{suffix}",
    ];
}
