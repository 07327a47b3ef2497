using Reroute.Runtime.Persistence.DynamoDb;
using Reroute.Silo.Tests.Infrastructure;
using Reroute.TestServers;

namespace Reroute.Silo.Tests;

/// <summary>The init-dynamodb verb against a real DynamoDB-compatible server, then a silo that starts on its tables.</summary>
public sealed class InitDynamoDbTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>
{
    [Fact]
    public async Task Init_creates_the_tables_once_and_a_silo_on_dynamodb_then_starts_ready()
    {
        using var data = new TempDirectory();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var storage = DynaliteTables.Args(dynalite, suffix);

        var first = await SiloCli.RunAsync(["init-dynamodb", $"--Reroute:Silo:DataDirectory={data.Path}", .. storage]);
        var second = await SiloCli.RunAsync(["init-dynamodb", $"--Reroute:Silo:DataDirectory={data.Path}", .. storage]);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains($"state-{suffix}: created, active", first.Output);
        Assert.Contains($"reminders-{suffix}: created, active", first.Output);
        Assert.Contains($"state-{suffix}: exists, active", second.Output);
        Assert.Equal($"DynamoDB at {dynalite.ServiceUrl}: creating state-{suffix} and reminders-{suffix} if missing …", first.Error.Trim());

        var client = DynamoDbClientFactory.Create(new DynamoDbOptions { ServiceUrl = dynalite.ServiceUrl, AccessKey = "local", SecretKey = "local" });
        Assert.Contains($"state-{suffix}", (await client.ListTablesAsync()).TableNames);

        await using var silo = await TestSilo.StartAsync(dataDirectory: data.Path, args: storage);
        using var ready = await silo.GetAsync("/ready", token: null);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }
}
