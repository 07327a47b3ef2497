using Reroute.Interfaces.Scheduling;

namespace Reroute.Silo.Api;

/// <summary>What an answer did: the outcome and the offer's state (no patient data beyond the offer itself).</summary>
internal sealed record ReplyResponse(OfferReplyOutcome Outcome, string OfferId, OfferStatus Status, CandidateSlot Slot);
