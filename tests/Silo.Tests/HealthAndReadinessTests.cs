using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Silo.Hosting;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

public sealed class HealthAndReadinessTests
{
    [Fact]
    public async Task Health_is_anonymous_and_healthy()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_anonymous_and_ready_once_the_host_has_started()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(silo.App.Services.GetRequiredService<SiloReadiness>().IsReady);
    }

    [Fact]
    public async Task Ready_answers_503_problem_with_the_reason_while_not_ready_and_200_again_after()
    {
        await using var silo = await TestSilo.StartAsync();
        var readiness = silo.App.Services.GetRequiredService<SiloReadiness>();

        readiness.MarkNotReady("Grain directory is loading.");
        using var notReady = await silo.GetAsync("/ready");
        var problem = await Problem.AssertAsync(notReady, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Grain directory is loading.", problem.GetProperty("detail").GetString());

        readiness.MarkReady();
        using var ready = await silo.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Readiness_is_not_ready_before_start_and_after_stop()
    {
        using var data = new TempDirectory();
        await using var app = TestSilo.Build(data.Path);
        var readiness = app.Services.GetRequiredService<SiloReadiness>();
        Assert.False(readiness.IsReady);
        Assert.Equal(SiloReadiness.StartingReason, readiness.Reason);

        await app.StartAsync();
        Assert.True(readiness.IsReady);
        Assert.Null(readiness.Reason);

        await app.StopAsync();
        Assert.False(readiness.IsReady);
        Assert.Equal(SiloHost.ShuttingDownReason, readiness.Reason);
    }

    [Fact]
    public void MarkNotReady_requires_a_reason()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SiloReadiness().MarkNotReady(" "));
    }
}
