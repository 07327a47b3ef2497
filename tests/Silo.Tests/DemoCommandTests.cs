using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reroute.Silo.Cli;
using Reroute.Silo.Options;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

public sealed partial class DemoCommandTests
{
    private static readonly string[] SummaryNames =
        ["appointments_processed", "successfully_reassigned", "waitlisted", "escalated_to_hod", "backfilled", "declined", "expired"];

    [Fact]
    public async Task Demo_reschedules_T001_and_what_it_prints_is_what_the_store_holds()
    {
        using var data = new TempDirectory();

        var (exitCode, output, error) = await SiloCli.RunAsync("demo", "--exit", "--urls", "http://127.0.0.1:0", "--data-dir", data.Path);

        Assert.True(exitCode == ExitCodes.Success, error + output);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
        Assert.Equal(6, output.Split('\n').Count(static l => l.StartsWith("  ok ", StringComparison.Ordinal)));
        var workflowId = WorkflowLine().Match(output).Groups[1].Value;
        var printed = SummaryNames.ToDictionary(static n => n, n => int.Parse(
            Regex.Match(output, $@"^  {n}\s+(\d+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant).Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.True(printed["appointments_processed"] > 0);

        // Read everything back from the store the demo left, through the API, on a silo running on real time.
        await using var silo = await TestSilo.StartAsync(dataDirectory: data.Path);
        var token = silo.Token("alice", DemoOptions.DefaultTenant, Roles.Scheduler);
        var workflow = await Read(silo, $"/api/workflows/{workflowId}", token);
        Assert.Equal("Completed", workflow.GetProperty("status").GetString(), ignoreCase: true);
        var summary = workflow.GetProperty("summary");
        Assert.Equal(printed["appointments_processed"], summary.GetProperty("appointmentsProcessed").GetInt32());
        Assert.Equal(printed["successfully_reassigned"], summary.GetProperty("successfullyReassigned").GetInt32());
        Assert.Equal(printed["waitlisted"], summary.GetProperty("waitlisted").GetInt32());
        Assert.Equal(printed["escalated_to_hod"], summary.GetProperty("escalatedToHod").GetInt32());
        Assert.Equal(printed["backfilled"], summary.GetProperty("backfilled").GetInt32());
        Assert.Equal(printed["declined"], summary.GetProperty("declined").GetInt32());
        Assert.Equal(printed["expired"], summary.GetProperty("expired").GetInt32());
        Assert.Empty(workflow.GetProperty("compliance").GetProperty("violations").EnumerateArray());

        // Every rebooked appointment sits where its workflow says, with a provider other than T001, and no two share a slot.
        var booked = new HashSet<(string, DateTimeOffset)>();
        var rebooked = 0;
        foreach (var trail in workflow.GetProperty("appointments").EnumerateArray())
        {
            var affected = trail.GetProperty("appointment");
            var status = affected.GetProperty("status").GetString();
            Assert.Contains(status, new[] { "Rebooked", "Waitlisted" }, StringComparer.OrdinalIgnoreCase);
            Assert.Equal("appointment_affected", trail.GetProperty("trail")[0].GetProperty("event").GetString());
            if (!string.Equals(status, "Rebooked", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            rebooked++;
            var final = affected.GetProperty("final");
            var stored = (await Read(silo, $"/api/appointments/{affected.GetProperty("appointmentId").GetString()}", token)).GetProperty("appointment");
            Assert.Equal(final.GetProperty("providerId").GetString(), stored.GetProperty("providerId").GetString());
            Assert.NotEqual("T001", stored.GetProperty("providerId").GetString());
            Assert.Equal(final.GetProperty("start").GetDateTimeOffset(), stored.GetProperty("start").GetDateTimeOffset());
            Assert.True(booked.Add((stored.GetProperty("providerId").GetString()!, stored.GetProperty("start").GetDateTimeOffset())), "two appointments share a slot");
        }

        Assert.Equal(printed["successfully_reassigned"], rebooked);
    }

    [Fact]
    public async Task Demo_into_a_folder_that_holds_data_is_a_usage_error_and_touches_nothing()
    {
        using var data = new TempDirectory();
        var existing = Path.Combine(data.Path, "notes.txt");
        await File.WriteAllTextAsync(existing, "keep me");

        var (exitCode, output, error) = await SiloCli.RunAsync("demo", "--exit", "--urls", "http://127.0.0.1:0", "--data-dir", data.Path);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("not empty", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary", output, StringComparison.Ordinal);
        Assert.Equal([existing], Directory.EnumerateFileSystemEntries(data.Path));
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
    }

    private static async Task<JsonElement> Read(TestSilo silo, string path, string token)
    {
        using var response = await silo.GetAsync(path, token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }

    [GeneratedRegex(@"Summary of workflow (wf-[0-9a-f]+) \(completed\)", RegexOptions.CultureInvariant)]
    private static partial Regex WorkflowLine();
}
