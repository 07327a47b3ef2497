namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>A channel refused a message (an SMTP 4xx/5xx reply, a non-2xx webhook answer, a bad address).</summary>
public sealed class NotificationDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotificationDeliveryException()
    {
    }

    /// <summary>Creates the exception with the channel's reason.</summary>
    public NotificationDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the channel's reason and its cause.</summary>
    public NotificationDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
