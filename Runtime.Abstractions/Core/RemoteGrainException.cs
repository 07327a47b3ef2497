namespace Reroute.Runtime;

/// <summary>
/// An exception thrown by a grain on another silo whose type this process cannot recreate; it keeps the original
/// type's name and message so the caller still learns what went wrong.
/// </summary>
public sealed class RemoteGrainException(string exceptionType, string message) : Exception($"{exceptionType}: {message}")
{
    /// <summary>The full name of the exception type the grain threw.</summary>
    public string ExceptionType { get; } = exceptionType;

    /// <summary>The grain's own message.</summary>
    public string RemoteMessage { get; } = message;
}
