using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Reroute.Runtime.Persistence.DynamoDb;

/// <summary>Builds the SDK client from options: a local endpoint with static keys, or AWS with the default credential chain.</summary>
public static class DynamoDbClientFactory
{
    /// <summary>Creates a client for <paramref name="options"/>.</summary>
    public static IAmazonDynamoDB Create(DynamoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonDynamoDBConfig();
        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonDynamoDBClient(config)
            : new AmazonDynamoDBClient(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
