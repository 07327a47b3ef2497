using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reroute.TestServers;

/// <summary>Runs the real servers tests talk to: free loopback ports, install-if-missing, readiness by connecting.</summary>
public static class ExternalProcess
{
    /// <summary>
    /// The CPU time <paramref name="process"/> and all its descendants have used so far (Linux /proc), e.g. a server
    /// started through a wrapper script that runs the real server as a grandchild. Processes that exit meanwhile drop out.
    /// </summary>
    public static TimeSpan ProcessorTimeOfTree(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var total = TimeSpan.Zero;
        var pending = new Stack<int>([process.Id]);
        while (pending.TryPop(out var pid))
        {
            try
            {
                using var member = Process.GetProcessById(pid);
                total += member.TotalProcessorTime;
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        pending.Push(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Exited between listing and reading.
            }
        }

        return total;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task RunToCompletion(string file, string arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{file} {arguments}` in {workingDirectory} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    /// <summary>Waits until something accepts connections on the port (the server is up), or the process died.</summary>
    public static async Task WaitForPort(ChildProcess process, int port, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.FileName} exited with {process.ExitCode} before listening on {port}:\n{process.Output}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }

        throw new TimeoutException($"{process.FileName} did not listen on {port} within {timeout}:\n{process.Output}");
    }
}
