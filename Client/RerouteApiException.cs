using System.Net;

namespace Reroute.Client;

/// <summary>
/// The silo answered with an error status (after any retries the status allowed). <see cref="Problem"/> holds what
/// the silo said; the message reads <c>title: detail (HTTP status)</c>.
/// </summary>
public sealed class RerouteApiException : Exception
{
    /// <summary>Creates the exception for the silo's final answer.</summary>
    /// <param name="status">The HTTP status of the response.</param>
    /// <param name="problem">The problem read from the response.</param>
    public RerouteApiException(HttpStatusCode status, RerouteProblem problem)
        : base(Describe(status, problem))
    {
        Status = status;
        Problem = problem;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem details of the response.</summary>
    public RerouteProblem Problem { get; }

    private static string Describe(HttpStatusCode status, RerouteProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return string.IsNullOrWhiteSpace(problem.Detail)
            ? $"{problem.Title} (HTTP {(int)status})"
            : $"{problem.Title}: {problem.Detail} (HTTP {(int)status})";
    }
}
