using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reroute.Grains.Routing;
using Reroute.Silo.Options;
using Reroute.SiloTesting;

namespace Reroute.Silo.Tests;

public sealed class RoutingConfigurationTests
{
    [Theory]
    [InlineData("--Reroute:Routing:Bogus=1", "'Reroute:Routing:Bogus'")]
    [InlineData("--Reroute:Routing:HeartbeatTimeout=soon", "'Reroute:Routing:HeartbeatTimeout'")]
    [InlineData("--Reroute:Routing:RampInitialFraction=1.5", "'Reroute:Routing:RampInitialFraction' must be above 0 and at most 1")]
    [InlineData("--Reroute:Routing:DecisionLogCapacity=0", "'Reroute:Routing:DecisionLogCapacity' must be between 1 and")]
    public void The_routing_section_is_guarded(string argument, string expected)
    {
        using var data = new TempDirectory();

        var error = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, null, argument));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routing_options_bind_from_configuration()
    {
        await using var silo = await TestSilo.StartAsync(args: ["--Reroute:Routing:HeartbeatTimeout=00:00:42", "--Reroute:Routing:DecisionLogCapacity=77"]);

        var options = silo.App.Services.GetRequiredService<IOptions<RoutingGrainOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(42), options.HeartbeatTimeout);
        Assert.Equal(77, options.DecisionLogCapacity);
    }
}
