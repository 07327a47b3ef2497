namespace Reroute.Silo.Security;

/// <summary>The claims Reroute reads from and writes to tokens.</summary>
public static class ClaimNames
{
    /// <summary>The caller's identity.</summary>
    public const string Subject = "sub";

    /// <summary>One role as a string, or several as an array.</summary>
    public const string Role = "role";

    /// <summary>The clinic network or edge operator the caller acts for.</summary>
    public const string Tenant = "tenant";

    /// <summary>A unique id per token, so that a token can be told apart in an audit trail without logging it.</summary>
    public const string TokenId = "jti";
}
