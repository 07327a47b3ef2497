using System.Diagnostics;
using Xunit;

namespace Reroute.TestServers;

/// <summary>
/// A real DynamoDB-compatible server (dynalite, pinned in tools/dynalite with its lock file) on a free 127.0.0.1
/// port, in memory, for the lifetime of a test class. Installs dynalite with `npm ci` when it is missing.
/// </summary>
public sealed class DynaliteServer : IAsyncLifetime
{
    private const int RememberedLines = 20;
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private ChildProcess? _process;

    public string ServiceUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tools", "dynalite");
        var cli = Path.Combine(folder, "node_modules", "dynalite", "cli.js");
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(cli))
            {
                await ExternalProcess.RunToCompletion("npm", "ci --no-audit --no-fund", folder, TimeSpan.FromMinutes(5));
            }
        }
        finally
        {
            InstallLock.Release();
        }

        var port = ExternalProcess.FreePort();
        _process = ChildProcess.Start(new ProcessStartInfo("node", $"\"{cli}\" --host 127.0.0.1 --port {port} --createTableMs 0 --deleteTableMs 0"), RememberedLines);
        await ExternalProcess.WaitForPort(_process, port, TimeSpan.FromSeconds(30));
        ServiceUrl = $"http://127.0.0.1:{port}";
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
