using System.Collections.Concurrent;
using System.Diagnostics;

namespace Reroute.TestServers;

/// <summary>
/// A process a test or benchmark starts and owns — a silo, a broker, dynalite. Its standard output and error are read
/// line by line as they come (so a chatty child never blocks on a full pipe), handed to the owner's callbacks, and the
/// last lines kept for a failure message. Disposing kills what is still running, with its descendants.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>How long a kill or a graceful stop may take before the test gives up waiting.</summary>
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly int _rememberedLines;

    private ChildProcess(ProcessStartInfo start, int rememberedLines, Action<string>? onOutput, Action<string>? onError)
    {
        _rememberedLines = rememberedLines;
        FileName = start.FileName;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");

        // The handlers are in place before reading begins, so no line is missed — a silo's ready line can come at once.
        _process.OutputDataReceived += (_, line) => OnLine(line.Data, onOutput);
        _process.ErrorDataReceived += (_, line) => OnLine(line.Data, onError);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The program that was started, for messages.</summary>
    public string FileName { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote to standard output or error, oldest first, for a failure message.</summary>
    public string Output => string.Join("\n", _output);

    /// <summary>The CPU time the process itself has used so far, for benchmarks.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            // Process caches what it read from /proc; without a refresh the figure would stay at its first reading.
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The CPU time of the process and its descendants, for a server a wrapper script starts as a grandchild.</summary>
    public TimeSpan ProcessorTimeOfTree => ExternalProcess.ProcessorTimeOfTree(_process);

    /// <summary>
    /// Starts <paramref name="start"/> with standard output and error redirected (the rest of it as the caller set it)
    /// and keeps the last <paramref name="rememberedLines"/> lines. The callbacks get every line of standard output and
    /// of standard error, on the reading threads, as the lines come.
    /// </summary>
    public static ChildProcess Start(ProcessStartInfo start, int rememberedLines, Action<string>? onOutput = null, Action<string>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentOutOfRangeException.ThrowIfNegative(rememberedLines);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return new ChildProcess(start, rememberedLines, onOutput, onError);
    }

    /// <summary>kill -9 of the process alone, like a crashed container: no shutdown runs. Waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(ExitTimeout);
    }

    /// <summary>
    /// Closes standard input (which must have been redirected) — for a process that takes that as its signal to stop
    /// gracefully — and waits up to <see cref="ExitTimeout"/> for it to exit. Whatever still runs then is left to
    /// <see cref="DisposeAsync"/>.
    /// </summary>
    public async Task CloseInputAndWaitForExitAsync()
    {
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Did not stop in time; disposing kills it.
        }
    }

    /// <summary>Kills the process and its descendants when still running (nothing of theirs is kept) and waits until they are gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(ExitTimeout);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // A process that does not die from SIGKILL within the timeout is stuck in the kernel; waiting longer
                // would only hang the test run.
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line, Action<string>? callback)
    {
        // A null line marks the end of the stream.
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > _rememberedLines)
        {
            _output.TryDequeue(out _);
        }

        callback?.Invoke(line);
    }
}
