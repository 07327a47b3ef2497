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
        Assert.Contains("development signing key", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunSiloAsync(string workingDirectory, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunSiloSeparatelyAsync(workingDirectory, args);
        return (exitCode, stdout + stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunSiloSeparatelyAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
