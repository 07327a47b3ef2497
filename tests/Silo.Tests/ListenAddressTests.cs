using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Silo.Hosting;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

/// <summary>Offer links point where the silo listens unless a public address is configured.</summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:18181", "http://127.0.0.1:18181")]
    [InlineData("https://clinic.example.org:8443/;http://127.0.0.1:8080", "https://clinic.example.org:8443")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080")]
    [InlineData("http://*:9000", "http://127.0.0.1:9000")]
    [InlineData("http://0.0.0.0:80", "http://127.0.0.1")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:0", null)]
    [InlineData("", null)]
    [InlineData("127.0.0.1:8080", null)]
    public void The_reachable_address_is_the_first_one_listened_on_with_any_interface_read_as_loopback(string urls, string? expected)
        => Assert.Equal(expected, ListenAddress.Reachable(urls));

    [Fact]
    public async Task Offer_links_follow_the_listen_address_unless_a_public_base_url_is_configured()
    {
        using var data = new TempDirectory();
        await using (var listening = TestSilo.Build(data.Path, args: ["--urls", "http://0.0.0.0:18199"]))
        {
            Assert.Equal("http://127.0.0.1:18199", listening.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value.PublicBaseUrl);
        }

        await using var configured = TestSilo.Build(data.Path, args: ["--urls", "http://0.0.0.0:18199", "--Reroute:Workflow:PublicBaseUrl=https://reroute.example.org"]);
        Assert.Equal("https://reroute.example.org", configured.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value.PublicBaseUrl);
    }
}
