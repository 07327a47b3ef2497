using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Silo.Options;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

public sealed class ConfigurationValidationTests
{
    private static readonly string ValidKey = Convert.ToBase64String(Enumerable.Range(1, AuthOptions.MinimumSigningKeyBytes).Select(i => (byte)i).ToArray());

    [Theory]
    [InlineData("--Reroute:Silo:Bogus=1", "Reroute:Silo:Bogus")]
    [InlineData("--Reroute:Nonsense:X=1", "Reroute:Nonsense:X")]
    [InlineData("--Reroute:Auth:Issuer:Nested=1", "Reroute:Auth:Issuer:Nested")]
    [InlineData("--Reroute:Auth:SigningKeys:first=abc", "Reroute:Auth:SigningKeys:first")]
    [InlineData("--Reroute:Auth:ClockSkew=abc", "Reroute:Auth:ClockSkew")]
    [InlineData("--Reroute:Auth:DevelopmentKey=maybe", "Reroute:Auth:DevelopmentKey")]
    [InlineData("--Reroute:Silo:MaxRequestBodySize=lots", "Reroute:Silo:MaxRequestBodySize")]
    [InlineData("--Reroute:Auth:ClockSkew=01:00:00", "Reroute:Auth:ClockSkew")]
    [InlineData("--Reroute:Auth:TokenLifetime=-01:00:00", "Reroute:Auth:TokenLifetime")]
    [InlineData("--Reroute:Silo:ShutdownTimeout=00:00:00", "Reroute:Silo:ShutdownTimeout")]
    [InlineData("--Reroute:Silo:MaxRequestBodySize=0", "Reroute:Silo:MaxRequestBodySize")]
    [InlineData("--Reroute:Silo:Urls=ftp://127.0.0.1:21", "Reroute:Silo:Urls")]
    [InlineData("--Reroute:Auth:Issuer= ", "Reroute:Auth:Issuer")]
    [InlineData("--Reroute:Auth:SigningKeys:0=dG9vLXNob3J0", "Reroute:Auth:SigningKeys:0")]
    [InlineData("--Reroute:Auth:DevelopmentKey=false", "Reroute:Auth:SigningKeys")]
    public void The_host_refuses_to_build_naming_the_key(string argument, string key)
    {
        using var data = new TempDirectory();

        var error = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, args: argument));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(Path.Combine(data.Path, SigningKeyRing.DevelopmentKeyFileName)), "nothing should be written before validation");
    }

    [Fact]
    public async Task A_cluster_silo_refuses_to_start_with_keys_of_its_own_and_starts_once_both_shared_keys_are_given()
    {
        using var data = new TempDirectory();
        string[] cluster = ["--Reroute:Cluster:Mode=rabbitmq", "--Reroute:Cluster:BrokerUri=amqp://guest:guest@127.0.0.1:5672/", "--Reroute:Storage:Provider=Memory"];
        var key = Convert.ToBase64String(Enumerable.Range(1, AuthOptions.MinimumSigningKeyBytes).Select(static i => (byte)i).ToArray());

        var error = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, args: cluster));
        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("'Reroute:Auth:SigningKeys' is required in cluster mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Reroute:Workflow:LinkSigningKey' is required in cluster mode", error.Message, StringComparison.Ordinal);
        var oneMissing = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, args: [.. cluster, $"--Reroute:Auth:SigningKeys:0={key}"]));
        Assert.Contains("'Reroute:Workflow:LinkSigningKey'", Assert.Single(oneMissing.Errors), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));

        // Embedded, the same silo generates its keys; in cluster mode with both shared keys it builds.
        Assert.Empty(ClusterSecrets.Validate(new ConfigurationBuilder().AddCommandLine(cluster[1..]).Build()));
        await using var app = TestSilo.Build(data.Path, args: [.. cluster, $"--Reroute:Auth:SigningKeys:0={key}", $"--Reroute:Workflow:LinkSigningKey={key}"]);
        Assert.Equal(key, app.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value.LinkSigningKey);
    }

    [Fact]
    public void A_signing_key_value_never_appears_in_the_error()
    {
        using var data = new TempDirectory();
        const string shortSecret = "c2VjcmV0LXRvby1zaG9ydA==";

        var error = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, args: $"--Reroute:Auth:SigningKeys:0={shortSecret}"));

        Assert.DoesNotContain(shortSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        using var data = new TempDirectory();

        var error = Assert.Throws<ConfigurationValidationException>(() =>
            TestSilo.Build(data.Path, args: ["--Reroute:Silo:Bogus=1", "--Reroute:Auth:ClockSkew=abc"]));

        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public async Task Valid_configuration_binds_including_keys_in_another_case()
    {
        using var data = new TempDirectory();
        await using var app = TestSilo.Build(
            data.Path,
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["REROUTE:AUTH:ISSUER"] = "clinic-idp",
                ["reroute:auth:signingkeys:0"] = ValidKey,
            }),
            "--Reroute:Auth:ClockSkew=00:00:30");

        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        Assert.Equal("clinic-idp", auth.Issuer);
        Assert.Equal(TimeSpan.FromSeconds(30), auth.ClockSkew);
        Assert.Equal(ValidKey, Assert.Single(auth.SigningKeys));
    }

    [Fact]
    public async Task Another_project_registers_its_section_in_one_line_and_gets_the_same_checks()
    {
        using var data = new TempDirectory();
        static void AddSample(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
            builder.AddRerouteOptions<SampleRuntimeOptions>("Reroute:Sample");

        await using (var app = TestSilo.Build(data.Path, AddSample, "--Reroute:Sample:Partitions=128", "--Reroute:Sample:Storage:Kind=sqlite", "--Reroute:Sample:Tags:0=a"))
        {
            var sample = app.Services.GetRequiredService<IOptions<SampleRuntimeOptions>>().Value;
            Assert.Equal(128, sample.Partitions);
            Assert.Equal("sqlite", sample.Storage.Kind);
            Assert.Equal(["a"], sample.Tags);
        }

        Assert.Contains("'Reroute:Sample:Bogus'", Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, AddSample, "--Reroute:Sample:Bogus=1")).Message, StringComparison.Ordinal);
        Assert.Contains("'Reroute:Sample:Storage:Nope'", Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, AddSample, "--Reroute:Sample:Storage:Nope=1")).Message, StringComparison.Ordinal);
        Assert.Contains("'Reroute:Sample:Partitions'", Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, AddSample, "--Reroute:Sample:Partitions=0")).Message, StringComparison.Ordinal);
        Assert.Contains("'Reroute:Sample:Partitions'", Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, AddSample, "--Reroute:Sample:Partitions=many")).Message, StringComparison.Ordinal);
        Assert.Contains("'Reroute:Sample:Limits:x'", Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, AddSample, "--Reroute:Sample:Limits:x=soon")).Message, StringComparison.Ordinal);
        Assert.Contains("'Reroute:Storage:X'", Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, AddSample, "--Reroute:Storage:X=1")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Reroute:Runtime:Bogus=1", "'Reroute:Runtime:Bogus'")]
    [InlineData("--Reroute:Runtime:CallTimeout=half a minute", "'Reroute:Runtime:CallTimeout'")]
    [InlineData("--Reroute:Runtime:StatelessWorkerMaxActivations=0", "'Reroute:Runtime:StatelessWorkerMaxActivations' must be between 1 and 1024")]
    [InlineData("--Reroute:Storage:Provider=Cassandra", "'Reroute:Storage:Provider' must be 'Sqlite', 'DynamoDb' or 'Memory'")]
    [InlineData("--Reroute:Storage:Sqlite:MaxBatchSize=0", "'Reroute:Storage:Sqlite:MaxBatchSize' must be between 1 and 100000")]
    [InlineData("--Reroute:Storage:Sqlite:Journal=off", "'Reroute:Storage:Sqlite:Journal'")]
    public void The_grain_runtime_sections_are_guarded_like_the_silo_own(string argument, string expected)
    {
        using var data = new TempDirectory();
        var error = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, null, argument));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guard_can_be_called_directly()
    {
        var guard = new ConfigurationGuard()
            .Register<SiloOptions>(SiloOptions.SectionName)
            .Register<AuthOptions>(AuthOptions.SectionName);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Reroute:Silo:DataDirectory"] = "/tmp/x",
                ["Reroute:Silo:Bogus"] = "1",
                ["Other:Section"] = "not ours to check",
            })
            .Build();

        var errors = guard.Validate(configuration);

        Assert.Equal(["Unknown configuration key 'Reroute:Silo:Bogus'."], errors);
        Assert.Throws<ArgumentException>(() => guard.Register<SiloOptions>("Elsewhere:Silo"));
        Assert.Empty(guard.Validate(new ConfigurationBuilder().Build()));
    }
}
