using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Notifications;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Runtime.Cluster;
using Reroute.Runtime.Hosting;
using Reroute.Silo.Options;
using Reroute.TestServers;

namespace Reroute.Silo.Tests;

/// <summary>
/// The files in deploy/ against the silo's configuration guard: a key renamed in code and not in the ECS task
/// definition or the image would stop every container at start-up, which no Docker engine here would show.
/// </summary>
public sealed partial class DeploymentDefinitionTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot.Path, "deploy");
    private static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, AuthOptions.MinimumSigningKeyBytes).Select(static i => (byte)i).ToArray());

    [Fact]
    public async Task The_ecs_task_definitions_environment_and_secrets_configure_a_valid_cluster_silo()
    {
        using var definition = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Deploy, "ecs-task-definition.json")));
        var container = definition.RootElement.GetProperty("containerDefinitions")[0];
        var settings = container.GetProperty("environment").EnumerateArray()
            .ToDictionary(static e => ConfigurationKey(e.GetProperty("name").GetString()!), static e => (string?)e.GetProperty("value").GetString());
        foreach (var secret in container.GetProperty("secrets").EnumerateArray().Select(static s => ConfigurationKey(s.GetProperty("name").GetString()!)))
        {
            settings[secret] = secret switch
            {
                "Reroute:Cluster:BrokerUri" => "amqps://reroute:secret@broker.internal:5671/",
                "Reroute:Auth:SigningKeys:0" => SigningKey,
                "Reroute:Workflow:LinkSigningKey" => SigningKey,
                "Reroute:Notifications:InboundWebhookSecret" => "webhook-secret",
                _ => throw new InvalidOperationException($"The test has no sample value for the secret {secret}; add one."),
            };
        }

        using var data = new TempDirectory();
        await using var app = TestSilo.Build(data.Path, builder => builder.Configuration.AddInMemoryCollection(settings));

        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var silo = app.Services.GetRequiredService<IOptions<SiloOptions>>().Value;
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        Assert.Equal((ClusterMode.RabbitMQ, 64), (cluster.Mode, cluster.Partitions));
        Assert.Equal(("DynamoDb", "reroute-grain-state", "reroute-reminders"), (storage.Provider, storage.DynamoDb.StateTable, storage.DynamoDb.RemindersTable));
        Assert.False(auth.DevelopmentKey);

        // Links in patients' messages must reach the load balancer, not a container's loopback.
        var workflow = app.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        Assert.False(new Uri(workflow.PublicBaseUrl).IsLoopback);
        Assert.Equal("webhook-secret", app.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.InboundWebhookSecret);

        // ECS kills the container stopTimeout seconds after SIGTERM: the silo's drain must fit inside it.
        Assert.True(silo.ShutdownTimeout < TimeSpan.FromSeconds(container.GetProperty("stopTimeout").GetInt32()));
        var check = string.Join(' ', container.GetProperty("healthCheck").GetProperty("command").EnumerateArray().Select(static c => c.GetString()));
        Assert.Contains("/ready", check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_images_environment_is_accepted_and_its_health_check_asks_for_readiness()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(Deploy, "Dockerfile"));
        var env = EnvBlock().Match(dockerfile);
        Assert.True(env.Success, "the Dockerfile has no ENV block");
        var settings = Assignment().Matches(env.Groups["body"].Value)
            .Where(static m => m.Groups["name"].Value.StartsWith("Reroute__", StringComparison.Ordinal))
            .ToDictionary(static m => ConfigurationKey(m.Groups["name"].Value), static m => (string?)m.Groups["value"].Value);
        settings["Reroute:Cluster:BrokerUri"] = "amqp://guest:guest@127.0.0.1:5672/";

        // The keys every silo shares come from the task definition's secrets, never from the image.
        Assert.DoesNotContain(settings.Keys, static k => k.Contains("SigningKey", StringComparison.Ordinal));
        settings["Reroute:Auth:SigningKeys:0"] = SigningKey;
        settings["Reroute:Workflow:LinkSigningKey"] = SigningKey;
        Assert.Contains("Reroute:Cluster:Mode", settings.Keys);

        using var data = new TempDirectory();
        settings["Reroute:Silo:DataDirectory"] = data.Path;
        await using var app = TestSilo.Build(data.Path, builder => builder.Configuration.AddInMemoryCollection(settings));

        Assert.Equal(ClusterMode.RabbitMQ, app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.Mode);
        Assert.Equal("DynamoDb", app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider);
        Assert.Matches("HEALTHCHECK[^\\n]*\\n[^\\n]*http://127\\.0\\.0\\.1:8080/ready", dockerfile);
        Assert.Matches("(?m)^USER \\$APP_UID$", dockerfile);
    }

    [Fact]
    public async Task The_images_build_stage_copies_every_project_the_silo_is_built_from_and_the_context_leaves_out_local_data()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(Deploy, "Dockerfile"));
        var stages = dockerfile.Split("\nFROM ", StringSplitOptions.None);
        Assert.Equal(3, stages.Length);
        var build = stages[1];
        var copied = CopyLine().Matches(build).SelectMany(static m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);

        // A project reference added to the silo and not to the Dockerfile would break only the image's build.
        var projects = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.Combine(RepositoryRoot.Path, "Silo", "Silo.csproj")]);
        while (pending.TryPop(out var project))
        {
            var folder = Path.GetRelativePath(RepositoryRoot.Path, Path.GetDirectoryName(project)!);
            if (!projects.Add(folder))
            {
                continue;
            }

            foreach (Match reference in ProjectReference().Matches(await File.ReadAllTextAsync(project)))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Groups["path"].Value.Replace('\\', '/'))));
            }
        }

        Assert.Equal(["Grains", "Interfaces", "Runtime", "Runtime.Abstractions", "Runtime.CodeGen", "Silo"], projects);
        Assert.All(projects, folder => Assert.Contains(folder + "/", copied));
        Assert.All(["global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig"], file => Assert.Contains(file, copied));

        var ignored = (await File.ReadAllLinesAsync(Path.Combine(RepositoryRoot.Path, ".dockerignore"))).Where(static l => l.Length > 0 && l[0] != '#').ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["**/bin", "**/obj", "**/data", ".git"], StringComparer.Ordinal), ignored);
    }

    // Environment variables name nested keys with "__" (REROUTE__SILO__X is Reroute:Silo:X).
    private static string ConfigurationKey(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);

    [GeneratedRegex(@"(?m)^ENV (?<body>(?:[^\n]*\\\n)*[^\n]*)")]
    private static partial Regex EnvBlock();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>[^\s\\]+)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"(?m)^COPY (?!--from)(?<sources>.*) \S+$")]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"<ProjectReference Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();
}
