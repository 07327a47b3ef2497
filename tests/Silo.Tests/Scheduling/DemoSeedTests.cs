using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Silo.Options;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

public sealed class DemoSeedTests
{
    /// <summary>Monday 2 March 2026, 09:00 clinic time (UTC-5): "today" for the seeded appointments.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    private const string SeedOn = "--Reroute:Demo:SeedOnFirstStart=true";

    private const string FirstWeek = "from=2026-03-02T00:00:00-05:00&to=2026-03-09T00:00:00-05:00";

    [Fact]
    public async Task A_fresh_silo_seeds_the_demo_network_into_the_demo_tenant_from_today()
    {
        await using var silo = await Start(new ManualTimeProvider(Now), dataDirectory: null, SeedOn);
        var token = silo.Token("alice", DemoOptions.DefaultTenant, Roles.Scheduler);

        var departing = await Read(silo, "/api/providers/T001", token);
        Assert.Equal(("PT", "C01"), (departing.GetProperty("discipline").GetString(), departing.GetProperty("clinicId").GetString()));
        Assert.Equal(40, (await Read(silo, "/api/providers", token)).GetArrayLength());
        Assert.Equal("P00001", (await Read(silo, "/api/patients/P00001", token)).GetProperty("id").GetString());
        Assert.Equal("P00800", (await Read(silo, "/api/patients/P00800", token)).GetProperty("id").GetString());
        using (var beyond = await silo.GetAsync("/api/patients/P00801", token))
        {
            Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        }

        var firstWeek = await Read(silo, $"/api/appointments?provider=T001&{FirstWeek}", token);
        Assert.InRange(firstWeek.GetArrayLength(), 15, 25);
        Assert.All(firstWeek.EnumerateArray(), a => Assert.True(a.GetProperty("start").GetDateTimeOffset() >= new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(-5))));
        var knowledge = await Read(silo, "/api/knowledge", token);
        Assert.Equal(1, knowledge.GetProperty("version").GetInt32());
        Assert.NotEqual(0, knowledge.GetProperty("knowledge").GetProperty("payerRules").GetArrayLength());
        Assert.NotEqual(0, (await Read(silo, "/api/waitlists/C01/PT", token)).GetArrayLength());

        using var otherTenant = await silo.GetAsync("/api/providers/T001", silo.Token("bob", "clinic-1", Roles.Scheduler));
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
    }

    [Fact]
    public async Task A_restart_days_later_neither_reseeds_nor_duplicates_anything()
    {
        using var data = new TempDirectory();
        var clock = new ManualTimeProvider(Now);
        string[] paths =
        [
            "/api/providers/T001", "/api/patients/P00001", "/api/appointments/A000001", "/api/knowledge/history",
            "/api/waitlists/C01/PT", $"/api/appointments?provider=T001&{FirstWeek}", "/api/providers",
        ];
        var before = new List<string>();
        await using (var first = await Start(clock, data.Path, SeedOn))
        {
            var token = first.Token("alice", DemoOptions.DefaultTenant, Roles.Scheduler);
            foreach (var path in paths)
            {
                before.Add(await first.ReadAsync(path, token));
            }
        }

        clock.Advance(TimeSpan.FromDays(3));
        await using var second = await Start(clock, data.Path, SeedOn);
        var again = second.Token("alice", DemoOptions.DefaultTenant, Roles.Scheduler);
        var after = new List<string>();
        foreach (var path in paths)
        {
            after.Add(await second.ReadAsync(path, again));
        }

        Assert.All(before, b => Assert.StartsWith("200 ", b, StringComparison.Ordinal));
        Assert.Equal(before, after);
        Assert.Equal(2, (await Read(second, "/api/knowledge/history", again)).GetArrayLength());
    }

    [Fact]
    public async Task With_SeedOnFirstStart_false_nothing_is_seeded()
    {
        await using var silo = await Start(new ManualTimeProvider(Now), dataDirectory: null, "--Reroute:Demo:SeedOnFirstStart=false");
        var token = silo.Token("alice", DemoOptions.DefaultTenant, Roles.Scheduler);

        using var departing = await silo.GetAsync("/api/providers/T001", token);
        Assert.Equal(HttpStatusCode.NotFound, departing.StatusCode);
        Assert.Equal(0, (await Read(silo, "/api/providers", token)).GetArrayLength());
        Assert.Equal(0, (await Read(silo, "/api/knowledge", token)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_tenant_that_already_holds_data_is_never_seeded_and_its_data_stays_as_it_was()
    {
        using var data = new TempDirectory();
        var clock = new ManualTimeProvider(Now);
        string mine;
        await using (var first = await Start(clock, data.Path, "--Reroute:Demo:SeedOnFirstStart=false"))
        {
            var token = first.Token("alice", DemoOptions.DefaultTenant, Roles.Scheduler);
            await first.PutAsync("/api/providers/X1", token, SchedulingApi.Provider("X1", clinic: "C01")).ExpectSuccessAsync();
            mine = await first.ReadAsync("/api/providers/X1", token);
        }

        await using var second = await Start(clock, data.Path, SeedOn);
        var again = second.Token("alice", DemoOptions.DefaultTenant, Roles.Scheduler);

        using var departing = await second.GetAsync("/api/providers/T001", again);
        Assert.Equal(HttpStatusCode.NotFound, departing.StatusCode);
        Assert.Equal(mine, await second.ReadAsync("/api/providers/X1", again));
        Assert.Equal(["X1"], (await Read(second, "/api/providers", again)).EnumerateArray().Select(p => p.GetProperty("providerId").GetString()));
        Assert.Equal(0, (await Read(second, "/api/knowledge", again)).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("--Reroute:Demo:Tenant=bad/tenant", "Reroute:Demo:Tenant")]
    [InlineData("--Reroute:Demo:SeedOnFirstStart=maybe", "Reroute:Demo:SeedOnFirstStart")]
    [InlineData("--Reroute:Demo:Providers=10", "Reroute:Demo:Providers")]
    public void A_bad_demo_key_stops_the_silo_naming_it(string argument, string key)
    {
        using var data = new TempDirectory();

        var error = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path, args: argument));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    private static Task<TestSilo> Start(ManualTimeProvider clock, string? dataDirectory, params string[] args) =>
        TestSilo.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock), dataDirectory: dataDirectory, args: args);

    private static async Task<JsonElement> Read(TestSilo silo, string path, string token)
    {
        using var response = await silo.GetAsync(path, token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }
}
