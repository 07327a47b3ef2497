using Microsoft.Extensions.Options;

namespace Reroute.Runtime.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task An_unknown_runtime_key_stops_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(
            () => Silos.Start(configure: o => o.Configuration["Reroute:Runtime:CallTimeOut2"] = "00:00:10"));
        Assert.Contains("CallTimeOut2", error.Message);
    }

    [Fact]
    public async Task A_value_that_does_not_convert_stops_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(
            () => Silos.Start(configure: o => o.Configuration["Reroute:Runtime:CallTimeout"] = "half a minute"));
        Assert.Contains("Reroute:Runtime:CallTimeout", error.ToString());
    }

    [Fact]
    public async Task A_value_out_of_range_stops_start_up_with_the_rule()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => Silos.Start(configure: o => o.Configuration["Reroute:Runtime:StatelessWorkerMaxActivations"] = "0"));
        Assert.Contains("Reroute:Runtime:StatelessWorkerMaxActivations must be between 1 and 1024 (was 0)", error.Message);
    }

    [Fact]
    public async Task An_unknown_storage_provider_stops_start_up()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Silos.Start("Cassandra"));
        Assert.Contains("Reroute:Storage:Provider must be 'Sqlite', 'DynamoDb' or 'Memory' (was 'Cassandra')", error.Message);
    }
}
