using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reroute.Silo.Options;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

public sealed class SchedulingOptionsTests
{
    [Theory]
    [InlineData("--Reroute:Scheduling:IdempotencyKeyLifetime=00:00:00", "Reroute:Scheduling:IdempotencyKeyLifetime")]
    [InlineData("--Reroute:Scheduling:IdempotencyKeyLifetime=soon", "Reroute:Scheduling:IdempotencyKeyLifetime")]
    [InlineData("--Reroute:Scheduling:KeyLifetime=01:00:00", "Reroute:Scheduling:KeyLifetime")]
    [InlineData("--Reroute:Scheduling:IdempotencyRunningLimit=2.00:00:00", "Reroute:Scheduling:IdempotencyRunningLimit")]
    [InlineData("--Reroute:Scheduling:IdempotencyRunningLimit=00:00:00", "Reroute:Scheduling:IdempotencyRunningLimit")]
    [InlineData("--Reroute:ScheduleIndex:MaxEntries=0", "Reroute:ScheduleIndex:MaxEntries")]
    public void A_bad_scheduling_key_stops_the_silo_naming_it(string argument, string key)
    {
        using var data = new TempDirectory();

        var error = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, args: argument));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_idempotency_key_lifetime_is_configurable()
    {
        using var data = new TempDirectory();
        await using var app = TestSilo.Build(data.Path, args: "--Reroute:Scheduling:IdempotencyKeyLifetime=02:00:00");

        Assert.Equal(TimeSpan.FromHours(2), app.Services.GetRequiredService<IOptions<SchedulingApiOptions>>().Value.IdempotencyKeyLifetime);
    }
}
