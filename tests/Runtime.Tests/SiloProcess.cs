using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Reroute.Runtime.Testing;

namespace Reroute.Runtime.Tests;

/// <summary>A silo in a process of its own (this test assembly run as <see cref="ClusterSiloProgram"/>), to be killed for real.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _output = new();
    private volatile int _owned = -1;

    private SiloProcess(string siloId, IEnumerable<string> settings)
    {
        SiloId = siloId;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ClusterSiloProgram).Assembly.Location);
        start.ArgumentList.Add("silo");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start a silo process");
        _process.OutputDataReceived += (_, line) => OnLine(line.Data);
        _process.ErrorDataReceived += (_, line) => Remember(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string SiloId { get; }

    /// <summary>How many partitions the silo last said it owns.</summary>
    public int Owned => _owned;

    /// <summary>What the silo printed, for a failing test's message.</summary>
    public string Output => string.Join("\n", _output.TakeLast(40));

    public static async Task<SiloProcess> Start(string siloId, IEnumerable<string> settings)
    {
        var silo = new SiloProcess(siloId, settings);
        try
        {
            await silo._ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"silo {siloId} did not get ready:\n{silo.Output}");
        }

        return silo;
    }

    /// <summary>kill -9: no shutdown, no leave message, unacknowledged requests left to the broker.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing standard input is the silo's signal to stop gracefully.
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        Remember(line);
        if (line == ProcessSilo.ReadyLine)
        {
            _ready.TrySetResult();
        }
        else if (line?.StartsWith(ProcessSilo.OwnedPrefix, StringComparison.Ordinal) == true)
        {
            _owned = int.Parse(line[ProcessSilo.OwnedPrefix.Length..], CultureInfo.InvariantCulture);
        }
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
