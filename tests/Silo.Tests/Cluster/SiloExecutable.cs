using System.Diagnostics;
using System.Net;
using Reroute.TestServers;

namespace Reroute.Silo.Tests.Cluster;

/// <summary>
/// The real silo executable (<c>dotnet Reroute.Silo.dll</c>) in a process of its own on a free 127.0.0.1 port, as
/// <c>deploy/local-cluster.sh</c> starts it: ready when <c>/ready</c> answers 200, killed with SIGKILL like a crashed
/// container.
/// </summary>
internal sealed class SiloExecutable : IAsyncDisposable
{
    private const int RememberedLines = 30;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly ChildProcess _process;
    private readonly TempDirectory _data = new();

    private SiloExecutable(string siloId, IEnumerable<string> settings)
    {
        SiloId = siloId;
        Address = new Uri($"http://127.0.0.1:{ExternalProcess.FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { WorkingDirectory = _data.Path };
        start.ArgumentList.Add(typeof(SiloHost).Assembly.Location);
        start.ArgumentList.Add($"--urls={Address}");
        start.ArgumentList.Add($"--Reroute:Silo:DataDirectory={_data.Path}");
        start.ArgumentList.Add($"--Reroute:Cluster:SiloId={siloId}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        _process = ChildProcess.Start(start, RememberedLines);
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(90) };
    }

    public string SiloId { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>False once <see cref="Kill"/> ran: requests to it fail and it is left out of the rotation.</summary>
    public bool Alive { get; private set; } = true;

    /// <summary>The last lines the silo printed, for a failing test's message.</summary>
    public string Output => _process.Output;

    /// <summary>Starts the silo and waits until its <c>/ready</c> answers 200 (the broker is connected, partitions known).</summary>
    public static async Task<SiloExecutable> StartAsync(string siloId, IEnumerable<string> settings)
    {
        var silo = new SiloExecutable(siloId, settings);
        try
        {
            await silo.WaitUntilReadyAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>kill -9: no graceful shutdown, no leave message; its unacknowledged requests are left to the broker.</summary>
    public void Kill()
    {
        Alive = false;
        _process.Kill();
    }

    public async ValueTask DisposeAsync()
    {
        // Killed, not stopped: the test is over, the state lives in DynamoDB and the queues die with the test's broker,
        // so nothing is lost by not draining.
        await _process.DisposeAsync();
        Client.Dispose();
        _data.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo {SiloId} exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var ready = await Client.GetAsync("/ready", deadline.Token);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"silo {SiloId} was not ready within {ReadyTimeout}:\n{Output}");
    }
}
