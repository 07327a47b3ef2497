using System.Net;
using System.Text.Json;
using Reroute.Grains.Scheduling.Demo;
using Reroute.Runtime.Serialization;
using Reroute.Silo.Cli;
using Reroute.Silo.Options;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

public sealed class GenerateCommandTests
{
    private static readonly ClinicNetworkSpec Spec = new()
    {
        Clinics = 2,
        Providers = 30,
        PatientsPerProvider = 5,
        Days = 7,
        Seed = 3,
        StartDate = new DateOnly(2026, 3, 2),
    };

    [Fact]
    public async Task Generate_loads_the_network_into_the_configured_store_and_prints_the_counts()
    {
        using var data = new TempDirectory();
        var expected = ClinicNetworkGenerator.Generate(Spec);
        var appointments = expected.Appointments.Count();

        var (exitCode, output, error) = await SiloCli.RunAsync(
            "generate", "--providers", "30", "--patients-per-provider", "5", "--clinics", "2", "--days", "7", "--seed", "3",
            "--start", "2026-03-02", "--tenant", "net-a", $"--Reroute:Silo:DataDirectory={data.Path}");

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Contains($"Loaded 30 providers, 150 patients, {appointments:N0} appointments, {expected.Waitlist.Count():N0} waitlist entries, knowledge version 1", output, StringComparison.Ordinal);
        Assert.Contains("Time: ", output, StringComparison.Ordinal);

        await using var silo = await TestSilo.StartAsync(dataDirectory: data.Path);
        var token = silo.Token("alice", "net-a", Roles.Scheduler);
        Assert.Equal(30, (await Read(silo, "/api/providers", token)).GetArrayLength());
        Assert.Equal(
            JsonSerializer.Serialize(expected.Providers.First(), RuntimeJson.Options),
            JsonSerializer.Serialize((await Read(silo, "/api/providers/T001", token)).Deserialize<Reroute.Interfaces.Scheduling.ProviderProfile>(RuntimeJson.Options), RuntimeJson.Options));
        Assert.Equal("P00150", (await Read(silo, "/api/patients/P00150", token)).GetProperty("id").GetString());
        var last = ClinicNetworkGenerator.AppointmentId(appointments);
        Assert.Equal(last, (await Read(silo, $"/api/appointments/{last}", token)).GetProperty("appointment").GetProperty("id").GetString());

        // The verb loads the tenant it is given and seeds nothing else.
        Assert.Equal(0, (await Read(silo, "/api/providers", silo.Token("alice", DemoOptions.DefaultTenant, Roles.Scheduler))).GetArrayLength());
    }

    [Theory]
    [InlineData("--providers", "0")]
    [InlineData("--clinics", "31")]
    [InlineData("--days", "61")]
    [InlineData("--tenant", "bad/tenant")]
    public async Task Generate_with_a_bad_size_or_tenant_is_a_usage_error_and_writes_nothing(string option, string value)
    {
        using var data = new TempDirectory();
        string[] args = ["generate", "--providers", "30", option, value, $"--Reroute:Silo:DataDirectory={data.Path}"];

        var (exitCode, output, error) = await SiloCli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.DoesNotContain("Loaded", output, StringComparison.Ordinal);
        Assert.NotEqual(string.Empty, error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    private static async Task<JsonElement> Read(TestSilo silo, string path, string token)
    {
        using var response = await silo.GetAsync(path, token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }
}
