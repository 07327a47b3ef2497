using System.ComponentModel.DataAnnotations;

namespace Reroute.Runtime.Cluster;

/// <summary>Cluster mode (<c>Reroute:Cluster</c>). Embedded by default; RabbitMQ for several silos.</summary>
public sealed class ClusterOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reroute:Cluster";

    /// <summary><c>Embedded</c> (default, one silo) or <c>RabbitMQ</c>.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>The broker, e.g. <c>amqp://user:password@rabbitmq:5672/</c>. Required in RabbitMQ mode.</summary>
    public string? BrokerUri { get; set; }

    /// <summary>
    /// How many partitions grain ids hash into (one quorum queue each). Every silo of a cluster must use the same
    /// number: changing it moves grains, so it is chosen once per cluster.
    /// </summary>
    public int Partitions { get; set; } = 64;

    /// <summary>Prefix of every queue and exchange, so several clusters can share one broker.</summary>
    public string Name { get; set; } = "reroute";

    /// <summary>This silo's id in the membership; a fresh one per process when empty (a restarted silo is a new member).</summary>
    public string? SiloId { get; set; }

    /// <summary>
    /// A cluster client: calls grains over the broker but consumes no partition and hosts no grain (besides stateless
    /// workers). For trusted services inside the VPC and for load generators.
    /// </summary>
    public bool ClientOnly { get; set; }

    /// <summary>How often a silo announces itself.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo not heard from for this long is dead and its partitions move to the survivors.</summary>
    public TimeSpan FailureTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When a request is poison and dead-lettered, so it neither circles for ever nor kills one silo after another: a
    /// request whose answer keeps failing is dead-lettered by the transport at its <c>DeliveryLimit</c>-th delivery; one
    /// whose silo dies every time is dead-lettered by the broker after <c>DeliveryLimit</c> redeliveries (the quorum
    /// queue's <c>x-delivery-limit</c>).
    /// </summary>
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>Unacknowledged requests one partition consumer may hold (turns running or waiting in this silo).</summary>
    public int PartitionPrefetch { get; set; } = 256;

    /// <summary>Channels the silo publishes on (publishes with confirms run concurrently on each).</summary>
    public int PublisherChannels { get; set; } = 4;

    /// <summary>
    /// Rounds of publishes (one message per destination queue each) that may wait for their confirms at once; calls and
    /// replies that come while all are out gather into the next round. Fewer gives bigger batches and less CPU per
    /// call under load; at low load a call may wait for one confirm before it goes.
    /// </summary>
    public int PublishesInFlight { get; set; } = 2;

    /// <summary>
    /// Calls out (published, not yet confirmed) from which new calls gather into rounds. Below it a call is published at
    /// once: a few calls spread over the partitions rarely share a queue, so gathering them saves no broker message and
    /// only makes each wait for an earlier confirm. Replies, all to a few callers, always gather.
    /// </summary>
    public int GatherFromCallsInFlight { get; set; } = 64;

    /// <summary>Most calls (or replies) gathered into one broker message.</summary>
    public int MessageMaxCalls { get; set; } = 128;

    /// <summary>Most bytes of calls (or replies) gathered into one broker message; a single larger call goes alone.</summary>
    public int MessageMaxBytes { get; set; } = 256 * 1024;

    /// <summary>First wait before reconnecting to an unreachable broker; doubles up to <see cref="ReconnectMaximumDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between reconnection attempts.</summary>
    public TimeSpan ReconnectMaximumDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Message ids remembered per partition, so a redelivered request runs once on this silo.</summary>
    public int DeduplicationWindow { get; set; } = 4096;

    /// <summary>Whether cluster mode is on.</summary>
    public bool UsesRabbitMq => Mode == ClusterMode.RabbitMQ;

    /// <summary>Problems with the values, each naming its member.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Mode))
        {
            yield return new ValidationResult($"must be '{ClusterMode.Embedded}' or '{ClusterMode.RabbitMQ}' (was '{Mode}').", [nameof(Mode)]);
        }

        if (UsesRabbitMq && (string.IsNullOrWhiteSpace(BrokerUri)
            || !Uri.TryCreate(BrokerUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps")))
        {
            yield return new ValidationResult($"must be an amqp:// or amqps:// URI in RabbitMQ mode (was '{BrokerUri}').", [nameof(BrokerUri)]);
        }

        if (Partitions is < 1 or > 4096)
        {
            yield return new ValidationResult($"must be between 1 and 4096 (was {Partitions}).", [nameof(Partitions)]);
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 64 || !Name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return new ValidationResult($"must be 1–64 letters, digits, '-', '_' or '.' (was '{Name}').", [nameof(Name)]);
        }

        if (SiloId is { Length: > 128 })
        {
            yield return new ValidationResult("must be at most 128 characters.", [nameof(SiloId)]);
        }

        foreach (var (name, value, min, max) in new[]
        {
            (nameof(HeartbeatInterval), HeartbeatInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1)),
            (nameof(FailureTimeout), FailureTimeout, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(10)),
            (nameof(ReconnectInitialDelay), ReconnectInitialDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1)),
            (nameof(ReconnectMaximumDelay), ReconnectMaximumDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10)),
        })
        {
            if (value < min || value > max)
            {
                yield return new ValidationResult($"must be between {min} and {max} (was {value}).", [name]);
            }
        }

        // Two missed heartbeats must not be taken for a death.
        if (FailureTimeout < HeartbeatInterval * 3)
        {
            yield return new ValidationResult($"({FailureTimeout}) must be at least three HeartbeatIntervals ({HeartbeatInterval * 3}).", [nameof(FailureTimeout)]);
        }

        if (ReconnectMaximumDelay < ReconnectInitialDelay)
        {
            yield return new ValidationResult($"({ReconnectMaximumDelay}) must not be below ReconnectInitialDelay ({ReconnectInitialDelay}).", [nameof(ReconnectMaximumDelay)]);
        }

        foreach (var (name, value, min, max) in new[]
        {
            (nameof(DeliveryLimit), DeliveryLimit, 1, 1000),
            (nameof(PartitionPrefetch), PartitionPrefetch, 1, ushort.MaxValue),
            (nameof(PublisherChannels), PublisherChannels, 1, 64),
            (nameof(PublishesInFlight), PublishesInFlight, 1, 64),
            (nameof(GatherFromCallsInFlight), GatherFromCallsInFlight, 0, 100_000),
            (nameof(MessageMaxCalls), MessageMaxCalls, 1, 10_000),
            (nameof(MessageMaxBytes), MessageMaxBytes, 1024, 64 * 1024 * 1024),
            (nameof(DeduplicationWindow), DeduplicationWindow, 0, 1_000_000),
        })
        {
            if (value < min || value > max)
            {
                yield return new ValidationResult($"must be between {min} and {max} (was {value}).", [name]);
            }
        }
    }
}
