using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>
/// Hands email to the configured SMTP relay: EHLO, MAIL FROM, RCPT TO, DATA (dot-stuffed), QUIT, checking every reply.
/// A plain socket client because System.Net.Mail.SmtpClient is obsolete and no SMTP library is available.
/// </summary>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options, TimeProvider time) : INotificationSender
{
    // SMTP reply codes (RFC 5321 section 4.2.3) the conversation expects.
    private const int ServiceReady = 220;
    private const int Closing = 221;
    private const int Completed = 250;
    private const int WillForward = 251;
    private const int StartInput = 354;

    // A reply line is a three-digit code, then '-' when more lines follow or a space on the last one.
    private const int CodeLength = 3;

    private const string Crlf = "\r\n";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly NotificationOptions _options = options.Value;

    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Email;

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        RequireAddress(message.Recipient);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.SmtpTimeout);
        var token = timeout.Token;

        using var client = new TcpClient();
        await client.ConnectAsync(_options.SmtpHost, _options.SmtpPort, token);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);

        await Expect(reader, token, ServiceReady);
        await Command(stream, reader, $"EHLO {_options.SmtpClientName}", token, Completed);
        await Command(stream, reader, $"MAIL FROM:<{_options.SmtpFrom}>", token, Completed);
        await Command(stream, reader, $"RCPT TO:<{message.Recipient}>", token, Completed, WillForward);
        await Command(stream, reader, "DATA", token, StartInput);
        await Command(stream, reader, Content(message) + ".", token, Completed);
        await Command(stream, reader, "QUIT", token, Closing);
    }

    /// <summary>
    /// The DATA section: headers, a blank line, then the body with CRLF line ends and every line that starts with a dot
    /// given a second one, so that no line of the body can end the message early (RFC 5321 section 4.5.2).
    /// </summary>
    public string Content(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var builder = new StringBuilder()
            .Append("From: <").Append(_options.SmtpFrom).Append('>').Append(Crlf)
            .Append("To: <").Append(message.Recipient).Append('>').Append(Crlf)
            .Append("Subject: ").Append(EncodeHeader(message.Subject)).Append(Crlf)
            .Append("Date: ").Append(time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture)).Append(Crlf)
            .Append("MIME-Version: 1.0").Append(Crlf)
            .Append("Content-Type: text/plain; charset=utf-8").Append(Crlf)
            .Append("Content-Transfer-Encoding: 8bit").Append(Crlf)
            .Append(Crlf);
        foreach (var line in message.Body.ReplaceLineEndings("\n").Split('\n'))
        {
            builder.Append(line.StartsWith('.') ? "." : string.Empty).Append(line).Append(Crlf);
        }

        return builder.ToString();
    }

    // An address holding a line break or angle bracket could smuggle extra commands or headers into the conversation.
    private static void RequireAddress(string address)
    {
        if (string.IsNullOrWhiteSpace(address) || !address.Contains('@', StringComparison.Ordinal) || address.IndexOfAny(['\r', '\n', '<', '>', ' ']) >= 0)
        {
            throw new NotificationDeliveryException("The recipient is not a usable email address.");
        }
    }

    // RFC 2047 encoded word: keeps non-ASCII subjects intact and line breaks out of the header block.
    private static string EncodeHeader(string value)
    {
        var oneLine = value.ReplaceLineEndings(" ");
        return oneLine.All(char.IsAscii) ? oneLine : $"=?utf-8?B?{Convert.ToBase64String(Utf8.GetBytes(oneLine))}?=";
    }

    private static async Task Command(NetworkStream stream, StreamReader reader, string line, CancellationToken token, params int[] accepted)
    {
        await stream.WriteAsync(Utf8.GetBytes(line + Crlf), token);
        await Expect(reader, token, accepted);
    }

    private static async Task Expect(StreamReader reader, CancellationToken token, params int[] accepted)
    {
        string? line;
        do
        {
            line = await reader.ReadLineAsync(token)
                ?? throw new NotificationDeliveryException("The SMTP server closed the connection.");
        }
        while (line.Length > CodeLength && line[CodeLength] == '-');

        if (line.Length < CodeLength || !int.TryParse(line.AsSpan(0, CodeLength), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new NotificationDeliveryException("The SMTP server sent a malformed reply.");
        }

        if (!accepted.Contains(code))
        {
            throw new NotificationDeliveryException($"SMTP {line}");
        }
    }
}
