namespace Reroute.Client.Tests.Infrastructure;

/// <summary>
/// A bound on how long a test may wait for something that should happen promptly: never a pause, only a limit,
/// so that a bug fails the test instead of hanging the run.
/// </summary>
public static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task Within(this Task task) => task.WaitAsync(Limit);
}
