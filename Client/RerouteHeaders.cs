namespace Reroute.Client;

/// <summary>The HTTP headers the client sends besides <c>Authorization</c>.</summary>
public static class RerouteHeaders
{
    /// <summary>Ties a call's attempts, the silo's logs and its problem details together.</summary>
    public const string CorrelationId = "X-Correlation-Id";

    /// <summary>Names one logical write, so that the silo applies it once however often it arrives.</summary>
    public const string IdempotencyKey = "Idempotency-Key";
}
