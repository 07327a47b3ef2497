namespace Reroute.Runtime.Cluster;

/// <summary>How silos find each other and deliver grain calls.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ClusterMode>))]
public enum ClusterMode
{
    /// <summary>One silo, no broker: every grain lives in this process (the default).</summary>
    Embedded,

    /// <summary>Several silos share partitions carried by RabbitMQ quorum queues.</summary>
    RabbitMQ,
}
