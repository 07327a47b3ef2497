namespace Reroute.Interfaces.Scheduling;

/// <summary>A license to practise in one state: a provider may treat a patient only under an active, unexpired one.</summary>
public sealed record ProviderLicense
{
    /// <summary>The issuing state, as a two-letter code (e.g. "NY").</summary>
    public required string State { get; init; }

    /// <summary>The license's standing with the board.</summary>
    public LicenseStatus Status { get; init; } = LicenseStatus.Active;

    /// <summary>The last day the license is valid (inclusive).</summary>
    public required DateOnly ExpiresOn { get; init; }
}
