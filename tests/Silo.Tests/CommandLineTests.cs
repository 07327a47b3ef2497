using System.CommandLine;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Reroute.Silo.Cli;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task The_token_verb_prints_one_token_that_the_silo_accepts()
    {
        using var data = new TempDirectory();

        var (exitCode, output, error) = await SiloCli.RunAsync(
            "token", "--role", Roles.Operator, "--tenant", "clinic-2", "--subject", "ops-bot", $"--Reroute:Silo:DataDirectory={data.Path}");

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var token = Assert.Single(lines).Trim();
        await using var silo = await TestSilo.StartAsync(dataDirectory: data.Path);
        using var response = await silo.GetAsync("/api/me", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ops-bot", me.GetProperty("subject").GetString());
        Assert.Equal("clinic-2", me.GetProperty("tenant").GetString());
        Assert.Equal([Roles.Operator], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        using var status = await silo.GetAsync("/api/silo", token);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Theory]
    [InlineData(null, 8 * 60)]
    [InlineData("30m", 30)]
    [InlineData("02:00:00", 120)]
    public async Task The_token_verb_honours_the_lifetime(string? lifetime, int expectedMinutes)
    {
        using var data = new TempDirectory();
        string[] args = ["token", "--role", Roles.Admin, "--role", Roles.Auditor, $"--Reroute:Silo:DataDirectory={data.Path}"];

        var (exitCode, output, error) = await SiloCli.RunAsync(lifetime is null ? args : [.. args, "--lifetime", lifetime]);

        Assert.True(exitCode == 0, error);
        var jwt = new JsonWebToken(output.Trim());
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), jwt.ValidTo - jwt.IssuedAt);
        Assert.Equal([Roles.Admin, Roles.Auditor], jwt.Claims.Where(c => c.Type == ClaimNames.Role).Select(c => c.Value));
    }

    [Theory]
    [InlineData("token", "--role", "wizard")]
    [InlineData("token")]
    [InlineData("token", "--role", "admin", "--lifetime", "-5m")]
    [InlineData("token", "--role", "admin", "--colour", "blue")]
    [InlineData("bogus")]
    [InlineData("--bogus")]
    [InlineData("--Reroute:Silo:DataDirectory")]
    public async Task Bad_arguments_are_usage_errors(params string[] args)
    {
        var (exitCode, output, error) = await SiloCli.RunAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain(output.Split('\n'), line => line.StartsWith("eyJ", StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task The_token_verb_refuses_bad_configuration_naming_the_key()
    {
        using var data = new TempDirectory();

        var (exitCode, output, error) = await SiloCli.RunAsync("token", "--role", "admin", $"--Reroute:Silo:DataDirectory={data.Path}", "--Reroute:Auth:Bogus=1");

        Assert.Equal(78, exitCode);
        Assert.Empty(output);
        Assert.Contains("'Reroute:Auth:Bogus'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_describes_the_verb_and_the_configuration_overrides()
    {
        var (exitCode, output, _) = await SiloCli.RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("token", output, StringComparison.Ordinal);
        Assert.Contains("--urls", output, StringComparison.Ordinal);
        Assert.Contains("--Reroute:Silo:DataDirectory=", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_are_taken_out_in_both_forms_and_everything_else_is_left_to_the_parser()
    {
        Assert.True(ConfigurationOverrides.TrySplit(
            ["token", "--Reroute:Silo:Urls", "http://127.0.0.1:1", "--role", "admin", "--Logging:LogLevel:Default=Debug", "--colour"],
            out var commandLine,
            out var overrides,
            out _));

        Assert.Equal(["token", "--role", "admin", "--colour"], commandLine);
        Assert.Equal(["--Reroute:Silo:Urls=http://127.0.0.1:1", "--Logging:LogLevel:Default=Debug"], overrides);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 30 * 60)]
    [InlineData("8h", 8 * 3600)]
    [InlineData("1d", 86400)]
    [InlineData("00:10:00", 600)]
    public void Durations_read_both_forms(string text, int seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("1e400h")]
    [InlineData("8")]
    [InlineData("1.5")]
    public void Durations_reject_nonsense(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }
}
