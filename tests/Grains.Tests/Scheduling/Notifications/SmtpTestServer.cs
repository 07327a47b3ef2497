using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reroute.Grains.Tests.Scheduling.Notifications;

/// <summary>
/// A real SMTP server on a free 127.0.0.1 port speaking just enough of the server side to accept mail: it records each
/// envelope and the DATA lines exactly as they crossed the wire (still dot-stuffed) before it answers, so a sender that
/// got its reply can be checked at once.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SmtpTestMail> _mail = new();
    private readonly Task _serving;

    public SmtpTestServer()
    {
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The reply to RCPT TO; a 5xx refuses the recipient.</summary>
    public string RecipientReply { get; init; } = "250 2.1.5 OK";

    public IReadOnlyList<SmtpTestMail> Mail => [.. _mail];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
            // Stopping the listener ends the accept loop this way; nothing is left to clean up.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            try
            {
                await SessionAsync(stream, reader);
            }
            catch (IOException)
            {
                // A client that hangs up mid-conversation ends its session, not the server.
            }
        }
    }

    private async Task SessionAsync(NetworkStream stream, StreamReader reader)
    {
        var token = _stop.Token;
        async Task Reply(string text) => await stream.WriteAsync(Utf8.GetBytes(text + "\r\n"), token);

        await Reply("220 test.local ESMTP");
        string? from = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync(token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    // A multi-line reply, so the client must read continuation lines.
                    await Reply("250-test.local greets you");
                    await Reply("250 8BITMIME");
                    break;
                case "MAIL":
                    from = line["MAIL FROM:".Length..];
                    await Reply("250 2.1.0 OK");
                    break;
                case "RCPT":
                    to.Add(line["RCPT TO:".Length..]);
                    await Reply(RecipientReply);
                    break;
                case "DATA":
                    await Reply("354 End data with <CR><LF>.<CR><LF>");
                    var data = new List<string>();
                    while (await reader.ReadLineAsync(token) is { } dataLine && dataLine != ".")
                    {
                        data.Add(dataLine);
                    }

                    _mail.Enqueue(new SmtpTestMail(from ?? string.Empty, [.. to], data));
                    await Reply("250 2.0.0 queued");
                    break;
                case "QUIT":
                    await Reply("221 2.0.0 bye");
                    return;
                default:
                    await Reply("500 5.5.2 unknown command");
                    break;
            }
        }
    }
}
