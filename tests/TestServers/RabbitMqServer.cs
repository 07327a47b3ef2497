using System.Diagnostics;
using Xunit;

namespace Reroute.TestServers;

/// <summary>
/// A real RabbitMQ broker (Debian's rabbitmq-server) on free 127.0.0.1 ports with a private node name and data folder,
/// for the lifetime of a test class. Installs the package when it is missing (as root, which these machines are).
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    private const string ServerPath = "/usr/sbin/rabbitmq-server";
    private const int RememberedLines = 40;
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private ChildProcess? _process;
    private int _distributionPort;
    private string? _folder;

    /// <summary>
    /// How long after declaring quorum queues a test lets the broker run before <see cref="RestartAsync"/> kills it.
    /// RabbitMQ 3.10 (Debian 12's) saves a new quorum queue's Raft registration to disk a moment after the declaration
    /// (its dets tables are auto-saved every 500 ms); a queue killed before that comes back without a leader and stays so
    /// until an operator triggers an election (rabbitmq-server#10070) — nothing a client can do about it. Production
    /// brokers declared their queues long before any crash; this lets a test's broker catch up with them.
    /// </summary>
    public static readonly TimeSpan PersistenceWindow = TimeSpan.FromSeconds(3);

    public int Port { get; private set; }

    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    /// <summary>The CPU time the broker (the Erlang VM under Debian's wrapper) has used so far, for benchmarks.</summary>
    public TimeSpan ProcessorTime => _process?.ProcessorTimeOfTree ?? TimeSpan.Zero;

    /// <summary>
    /// The last lines of the broker's own log (its console says little; the data folder with the log goes on dispose),
    /// for the error of a run whose silos could not reach it.
    /// </summary>
    public string LogTail(int lines = RememberedLines)
    {
        var folder = _folder is null ? null : Path.Combine(_folder, "log");
        if (folder is null || !Directory.Exists(folder))
        {
            return "(no broker log)";
        }

        // The node's log and its upgrade log: the one written last ends the tail.
        var tail = Directory.GetFiles(folder, "*.log").OrderBy(File.GetLastWriteTimeUtc).SelectMany(File.ReadLines).TakeLast(lines);
        return string.Join('\n', tail);
    }

    public async Task InitializeAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(ServerPath))
            {
                await ExternalProcess.RunToCompletion("apt-get", "update -qq", "/", TimeSpan.FromMinutes(5));
                await ExternalProcess.RunToCompletion("apt-get", "install -y -qq rabbitmq-server", "/", TimeSpan.FromMinutes(10));
            }
        }
        finally
        {
            InstallLock.Release();
        }

        Port = ExternalProcess.FreePort();
        _distributionPort = ExternalProcess.FreePort();
        _folder = Path.Combine(Path.GetTempPath(), $"reroute-rabbitmq-{Port}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(_folder, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_folder, "log"));
        var plugins = Path.Combine(_folder, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[].");

        // Debian's wrapper drops to the rabbitmq user even when started by root: it must own the folders.
        await ExternalProcess.RunToCompletion("chown", $"-R rabbitmq:rabbitmq \"{_folder}\"", "/", TimeSpan.FromSeconds(30));
        await StartProcess();
    }

    /// <summary>Stops the broker hard and starts it again on the same port and data folder (durable queues survive).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcess();
    }

    private async Task StartProcess()
    {
        var folder = _folder!;
        var plugins = Path.Combine(folder, "enabled_plugins");
        var distribution = _distributionPort;
        var start = new ProcessStartInfo(ServerPath) { WorkingDirectory = folder };
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log");
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = distribution.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_NODENAME"] = $"reroute-{Port}@localhost";
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins;
        start.Environment["RABBITMQ_PID_FILE"] = Path.Combine(folder, "pid");

        // Erlang's schedulers spin while idle by default; on a few shared cores that spinning takes the CPU the silos
        // need (RabbitMQ's runtime tuning guide recommends turning it off where cores are shared).
        start.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = Environment.GetEnvironmentVariable("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS") ?? "+sbwt none +sbwtdcpu none +sbwtdio none";
        _process = ChildProcess.Start(start, RememberedLines);
        await ExternalProcess.WaitForPort(_process, Port, TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Kills the broker with its Erlang VM (the wrapper's child), like a crash: durable state is what it synced.</summary>
    private async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _process = null;
    }
}
