using Microsoft.Extensions.Logging;

namespace Reroute.Runtime.Tests.Grains;

public sealed class LoggingGrain(ILogger<LoggingGrain> logger) : Grain, ILoggingGrain
{
    public Task Log(string message)
    {
        logger.LogInformation("Grain {GrainId} says {Message}", GetPrimaryKeyString(), message);
        return Task.CompletedTask;
    }
}
