using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Reroute.Runtime.Testing;

namespace Reroute.TestServers;

/// <summary>
/// A silo in a process of its own — an assembly that runs <see cref="ProcessSilo"/> when given <c>verb Key=Value…</c> —
/// so that multi-process tests and benchmarks can kill a real process. It follows the silo's report lines (ready, the
/// partitions it owns) and keeps its last lines of output for a failure message.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int RememberedLines = 40;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly ChildProcess _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TextWriter? _echoErrors;
    private volatile int _owned = -1;

    private SiloProcess(string siloId, Assembly program, string verb, IEnumerable<string> settings, TextWriter? echoErrors)
    {
        SiloId = siloId;
        _echoErrors = echoErrors;

        // Standard input is the stop signal (see DisposeAsync), so it is redirected and kept open.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(program.Location);
        start.ArgumentList.Add(verb);
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        _process = ChildProcess.Start(start, RememberedLines, OnLine, OnError);
    }

    public string SiloId { get; }

    /// <summary>How many partitions the silo last said it owns (-1 before it said so).</summary>
    public int Owned => _owned;

    /// <summary>The CPU time the silo process has used so far, for benchmarks.</summary>
    public TimeSpan ProcessorTime => _process.ProcessorTime;

    /// <summary>What the silo printed last, for a failure message.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Starts <paramref name="program"/> as <c>dotnet exec program verb settings…</c> and waits until the silo says it is
    /// ready. <paramref name="echoErrors"/>, when given, also gets the silo's standard error as it comes.
    /// </summary>
    public static async Task<SiloProcess> Start(string siloId, Assembly program, string verb, IEnumerable<string> settings, TextWriter? echoErrors = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        var silo = new SiloProcess(siloId, program, verb, settings, echoErrors);
        try
        {
            await silo._ready.Task.WaitAsync(ReadyTimeout);
        }
        catch (TimeoutException)
        {
            await silo.DisposeAsync();
            throw new TimeoutException($"silo {siloId} did not get ready within {ReadyTimeout.TotalSeconds:0} s:\n{silo.Output}");
        }

        return silo;
    }

    /// <summary>kill -9: no shutdown, no leave message, unacknowledged requests left to the broker.</summary>
    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing standard input is the silo's signal to stop gracefully; one that does not is killed below.
            await _process.CloseInputAndWaitForExitAsync();
        }

        await _process.DisposeAsync();
    }

    private void OnLine(string line)
    {
        if (line == ProcessSilo.ReadyLine)
        {
            _ready.TrySetResult();
        }
        else if (line.StartsWith(ProcessSilo.OwnedPrefix, StringComparison.Ordinal))
        {
            _owned = int.Parse(line[ProcessSilo.OwnedPrefix.Length..], CultureInfo.InvariantCulture);
        }
    }

    private void OnError(string line) => _echoErrors?.WriteLine($"  {SiloId}: {line}");
}
