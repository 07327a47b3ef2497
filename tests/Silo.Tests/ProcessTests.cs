using System.Diagnostics;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

/// <summary>The real executable, as an operator runs it.</summary>
public sealed class ProcessTests
{
    // Generous: it only bounds a hang (a silo that started despite bad configuration), it is not waited out.
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_unknown_configuration_key_makes_the_executable_exit_non_zero_naming_the_key()
    {
        using var data = new TempDirectory();

        var (exitCode, output) = await RunSiloAsync(data.Path, "--urls", "http://127.0.0.1:0", $"--Reroute:Silo:DataDirectory={data.Path}", "--Reroute:Silo:Bogus=1");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Reroute:Silo:Bogus", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_verb_prints_only_the_token_on_stdout()
    {
        using var data = new TempDirectory();

        var (exitCode, stdout, stderr) = await RunSiloSeparatelyAsync(data.Path, "token", "--role", "admin", $"--Reroute:Silo:DataDirectory={data.Path}");

        Assert.True(exitCode == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$", line.Trim());
        // A person reads standard error here: one plain line, not the silo's JSON log.
        var warning = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warn: ", warning, StringComparison.Ordinal);
        Assert.Contains("development signing key", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_in_a_REROUTE_environment_variable_stops_the_executable()
    {
        using var data = new TempDirectory();

        var (exitCode, stdout, stderr) = await RunSiloSeparatelyAsync(
            data.Path,
            new Dictionary<string, string> { ["REROUTE__SILO__BOGUS"] = "1" },
            "--urls", "http://127.0.0.1:0", $"--Reroute:Silo:DataDirectory={data.Path}");

        Assert.Equal(78, exitCode);
        Assert.Contains("REROUTE:SILO:BOGUS", stdout + stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task REROUTE_environment_variables_configure_the_silo_and_the_command_line_overrides_them()
    {
        using var data = new TempDirectory();
        var environment = new Dictionary<string, string> { ["REROUTE__AUTH__ISSUER"] = "from-env", ["REROUTE__AUTH__AUDIENCE"] = "env-audience" };

        var (_, fromEnvironment, error1) = await RunSiloSeparatelyAsync(data.Path, environment, "token", "--role", "admin", $"--Reroute:Silo:DataDirectory={data.Path}");
        var (_, overridden, error2) = await RunSiloSeparatelyAsync(data.Path, environment, "token", "--role", "admin", $"--Reroute:Silo:DataDirectory={data.Path}", "--Reroute:Auth:Issuer=from-args");

        var first = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(fromEnvironment.Trim());
        var second = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(overridden.Trim());
        Assert.True(first.Issuer == "from-env", error1);
        Assert.Equal("env-audience", Assert.Single(first.Audiences));
        Assert.True(second.Issuer == "from-args", error2);
    }

    private static async Task<(int ExitCode, string Output)> RunSiloAsync(string workingDirectory, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunSiloSeparatelyAsync(workingDirectory, args);
        return (exitCode, stdout + stderr);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunSiloSeparatelyAsync(string workingDirectory, params string[] args) =>
        RunSiloSeparatelyAsync(workingDirectory, new Dictionary<string, string>(), args);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunSiloSeparatelyAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(typeof(SiloHost).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
