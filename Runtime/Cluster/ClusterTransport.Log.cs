using Microsoft.Extensions.Logging;

namespace Reroute.Runtime.Cluster;

internal sealed partial class ClusterTransport
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} connected to RabbitMQ at {Host}:{Port} (attempt {Attempt})")]
    private partial void LogConnected(string siloId, string host, int port, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ at {Host}:{Port} unreachable (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private partial void LogUnreachable(string host, int port, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} lost its RabbitMQ connection ({Reason}); reconnecting")]
    private partial void LogConnectionLost(string siloId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} joined")]
    private partial void LogSiloJoined(string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} left")]
    private partial void LogSiloLeft(string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo(s) {Silos} missed heartbeats for longer than the failure timeout and are taken as dead")]
    private partial void LogSilosExpired(string silos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId}: {Silos} live silos, {Owned} partitions owned here")]
    private partial void LogOwnership(string siloId, int silos, int owned);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebalancing partitions failed")]
    private partial void LogRebalanceFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to partition {Partition} failed ({Reason}); trying again at the next heartbeat")]
    private partial void LogSubscribeFailed(int partition, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} lost its consumer of partition {Partition}; subscribing again at the next heartbeat")]
    private partial void LogConsumerGone(string siloId, int partition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} released partition {Partition} ({Activations} activations deactivated)")]
    private partial void LogReleased(string siloId, int partition, int activations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition} released before its turns drained: {Reason}")]
    private partial void LogReleaseIncomplete(int partition, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} left the cluster")]
    private partial void LogLeft(string siloId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing a RabbitMQ connection or channel failed")]
    private partial void LogCloseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heartbeat not sent: {Reason}")]
    private partial void LogHeartbeatFailed(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call to {GrainId} (with {Calls} in its message) not confirmed by the broker ({Reason}); publishing again")]
    private partial void LogPublishRetry(string grainId, int calls, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of publishes failed unexpectedly; its calls are left to their timeouts")]
    private partial void LogPublishFault(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed reply from {GrainId}: {Reason}")]
    private partial void LogMalformedReply(string grainId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} to {GrainId} was already handled here; answering from the first run")]
    private partial void LogDuplicate(string messageId, string grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} handed back to its queue after delivery {Delivery}: {Reason}")]
    private partial void LogRequeued(string messageId, long delivery, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} from {Queue} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string messageId, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettering failed ({Reason}); the message goes back to its queue")]
    private partial void LogDeadLetterFailed(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Replies} replies to {ReplyQueue} not sent: {Reason}")]
    private partial void LogReplyFailed(int replies, string replyQueue, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} not settled ({Reason}); the broker delivers it again")]
    private partial void LogSettleFailed(string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stream item that cannot be read was dropped: {Reason}")]
    private partial void LogMalformedStreamItem(string reason);
}
