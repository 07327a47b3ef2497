using System.Diagnostics;
using System.Globalization;
using Reroute.Runtime.Testing;

namespace Reroute.Benchmarks.Cluster;

/// <summary>A silo process started from this benchmark's own assembly (<c>cluster-silo Key=Value…</c>), to be killed for real.</summary>
internal sealed class BenchSiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile int _owned = -1;

    private BenchSiloProcess(IEnumerable<string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(BenchSiloProcess).Assembly.Location);
        start.ArgumentList.Add(ClusterBenchmark.SiloVerb);
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start a silo process");
        _process.OutputDataReceived += (_, line) => OnLine(line.Data);
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine("  silo: " + line.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>How many partitions the silo last said it owns.</summary>
    public int Owned => _owned;

    public static async Task<BenchSiloProcess> Start(IEnumerable<string> settings)
    {
        var silo = new BenchSiloProcess(settings);
        await silo._ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
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
        if (line == ProcessSilo.ReadyLine)
        {
            _ready.TrySetResult();
        }
        else if (line?.StartsWith(ProcessSilo.OwnedPrefix, StringComparison.Ordinal) == true)
        {
            _owned = int.Parse(line[ProcessSilo.OwnedPrefix.Length..], CultureInfo.InvariantCulture);
        }
    }
}
