using System.ComponentModel.DataAnnotations;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>How rescheduling workflows and consent offers behave, bound from <c>Reroute:Workflow</c>.</summary>
public sealed record WorkflowOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reroute:Workflow";

    /// <summary>The shortest HMAC key accepted for offer links, in bytes (the SHA-256 block strength).</summary>
    public const int MinLinkKeyBytes = 32;

    /// <summary>How long a patient has to answer an offer.</summary>
    public TimeSpan OfferLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often a running workflow's durable reminder re-drives it: picks up answers and expiries whose notification a
    /// crash lost, and finishes a stage a crash interrupted.
    /// </summary>
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an open offer's reminder looks at its expiry after the first due time (a missed tick is caught up).</summary>
    public TimeSpan ExpiryRecheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Ranked alternatives kept per appointment, tried in order when a patient declines or an offer expires.</summary>
    public int MaxAlternatives { get; set; } = 5;

    /// <summary>The longest unavailability window one trigger may cover.</summary>
    public TimeSpan MaxTriggerWindow { get; set; } = TimeSpan.FromDays(366);

    /// <summary>
    /// Most times the planner is asked again for one appointment, on fresh calendars: when its proposal was rejected back
    /// to it, or when other workflows took every ranked alternative.
    /// </summary>
    public int MaxReplans { get; set; } = 2;

    /// <summary>How many grains a tenant's workflow list is spread over, so that starting and ending workflows do not queue on one.</summary>
    public int IndexShards { get; set; } = 16;

    /// <summary>
    /// How many workflows one silo starts at once. Starting (detection, planning, guardrails, offers) is CPU work; a storm
    /// of triggers waits its turn at the front desk instead of piling into the grains, where calls would run out of time.
    /// </summary>
    public int StartConcurrency { get; set; } = 8;

    /// <summary>
    /// Audit entries per page of a workflow's trail. The workflow writes only the page its new entries fall in, so a write
    /// costs a page, not the whole trail; a page of 32 entries is about 14 KB.
    /// </summary>
    public int AuditPageSize { get; set; } = 32;

    /// <summary>Priority points for each step of clinical priority (routine 0, elevated 1, urgent 2).</summary>
    public double ClinicalPriorityWeight { get; set; } = 100;

    /// <summary>Priority points for an appointment due now, falling as 1/(1 + days until it).</summary>
    public double ProximityWeight { get; set; } = 20;

    /// <summary>Priority points for a plan of care about to lapse with visits left, falling as 1/(1 + days until it expires).</summary>
    public double PlanOfCareRiskWeight { get; set; } = 10;

    /// <summary>The address patients' links point at (the silo's public URL, e.g. behind a load balancer).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The HMAC-SHA256 key that signs offer links, base64 (at least 32 bytes). Empty: the silo keeps a generated key in
    /// its data directory, so links survive restarts.
    /// </summary>
    public string LinkSigningKey { get; set; } = string.Empty;

    /// <summary>Problems with the values, each naming its member.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
        {
            (nameof(OfferLifetime), OfferLifetime), (nameof(ResumeInterval), ResumeInterval),
            (nameof(ExpiryRecheckInterval), ExpiryRecheckInterval), (nameof(MaxTriggerWindow), MaxTriggerWindow),
        })
        {
            if (value < TimeSpan.FromSeconds(1))
            {
                yield return new ValidationResult($"must be at least one second (was {value}).", [name]);
            }
        }

        if (MaxAlternatives is < 1 or > 100)
        {
            yield return new ValidationResult($"must be between 1 and 100 (was {MaxAlternatives}).", [nameof(MaxAlternatives)]);
        }

        if (IndexShards is < 1 or > 1024)
        {
            yield return new ValidationResult($"must be between 1 and 1024 (was {IndexShards}).", [nameof(IndexShards)]);
        }

        if (StartConcurrency is < 1 or > 10_000)
        {
            yield return new ValidationResult($"must be between 1 and 10000 (was {StartConcurrency}).", [nameof(StartConcurrency)]);
        }

        if (AuditPageSize is < 1 or > 1000)
        {
            yield return new ValidationResult($"must be between 1 and 1000 (was {AuditPageSize}).", [nameof(AuditPageSize)]);
        }

        if (MaxReplans is < 0 or > 10)
        {
            yield return new ValidationResult($"must be between 0 and 10 (was {MaxReplans}).", [nameof(MaxReplans)]);
        }

        foreach (var (name, value) in new[]
        {
            (nameof(ClinicalPriorityWeight), ClinicalPriorityWeight), (nameof(ProximityWeight), ProximityWeight),
            (nameof(PlanOfCareRiskWeight), PlanOfCareRiskWeight),
        })
        {
            if (!double.IsFinite(value) || value < 0)
            {
                yield return new ValidationResult($"must be zero or more (was {value}).", [name]);
            }
        }

        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("must be an absolute http or https URL.", [nameof(PublicBaseUrl)]);
        }

        if (LinkSigningKey.Length > 0 && !IsKey(LinkSigningKey))
        {
            yield return new ValidationResult($"must be empty or base64 of at least {MinLinkKeyBytes} bytes.", [nameof(LinkSigningKey)]);
        }
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= MinLinkKeyBytes;
    }
}
