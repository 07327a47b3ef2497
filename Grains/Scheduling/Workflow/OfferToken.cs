namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>What a verified offer link says: which offer of which tenant, the nonce it carries, and when it stops working.</summary>
public sealed record OfferToken(string Tenant, string OfferId, string Nonce, DateTimeOffset ExpiresAt);
