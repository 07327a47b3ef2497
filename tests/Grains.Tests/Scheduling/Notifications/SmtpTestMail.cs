namespace Reroute.Grains.Tests.Scheduling.Notifications;

/// <summary>One mail as the test SMTP server received it: envelope sender, recipients and DATA lines, still dot-stuffed.</summary>
internal sealed record SmtpTestMail(string From, IReadOnlyList<string> To, IReadOnlyList<string> DataLines);
