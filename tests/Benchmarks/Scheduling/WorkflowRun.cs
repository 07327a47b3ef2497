using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Reroute.Runtime.Serialization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Benchmarks.Scheduling;

/// <summary>
/// 1,000 concurrent workflows on one SQLite silo, with simulated patients answering every offer at once by SMS (a seeded
/// mix: most accept, some decline and get the next option). Resolution time of an appointment: from its trigger to the
/// answer that put it in its final state.
/// </summary>
internal static class WorkflowRun
{
    private const int DeclinePercent = 15;

    public static async Task RunAsync(BenchResults results, bool quick)
    {
        var clinics = int.TryParse(Environment.GetEnvironmentVariable("REROUTE_BENCH_CLINICS"), out var wanted) ? wanted : quick ? 20 : 200;
        const int DepartingPerClinic = 5;
        const int AppointmentsPerProvider = 15;
        await using var silo = await BenchSilo.StartAsync("Sqlite", services => services.AddRescheduling()
            .Configure<WorkflowOptions>(o => o.LinkSigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(WorkflowOptions.MinLinkKeyBytes))));
        var network = new WorkflowNetwork(DateTimeOffset.UtcNow, clinics, DepartingPerClinic, AppointmentsPerProvider, stayingPerClinic: 5);
        var seed = Stopwatch.StartNew();
        await network.SeedAsync(silo.Grains);
        Console.WriteLine($"  seeded {clinics * DepartingPerClinic} departing providers, {clinics * DepartingPerClinic * AppointmentsPerProvider} appointments in {seed.Elapsed.TotalSeconds:F1} s");

        var desk = (ReschedulingDesk)silo.Services.GetService(typeof(ReschedulingDesk))!;
        var resolutions = new ConcurrentBag<double>();
        var triggers = new ConcurrentBag<double>();
        var answers = new ConcurrentBag<double>();
        var summaries = new ConcurrentBag<WorkflowSummary>();
        var stateBytes = new ConcurrentBag<int>();
        var violations = 0;
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var pausedBefore = GC.GetTotalPauseDuration();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(network.DepartingProviders().Select(provider => Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var (view, _) = await desk.TriggerAsync(WorkflowNetwork.Tenant, network.TriggerFor(provider));
            triggers.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var workflow = silo.Grains.GetGrain<IReschedulingWorkflowGrain>(SchedulingKeys.Of(WorkflowNetwork.Tenant, view.WorkflowId));
            foreach (var settled in view.Appointments.Where(static a => a.Status is AffectedAppointmentStatus.Waitlisted))
            {
                resolutions.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            while (view.Status == WorkflowStatus.Running)
            {
                var offered = view.Appointments.Where(static a => a.Status == AffectedAppointmentStatus.Offered).ToList();
                if (offered.Count == 0)
                {
                    break;
                }

                await Task.WhenAll(offered.Select(async a =>
                {
                    var offerId = a.OfferIds[^1];
                    var answer = (uint)offerId.GetHashCode(StringComparison.Ordinal) % 100 < DeclinePercent ? OfferAnswer.Decline : OfferAnswer.Accept;
                    var asked = Stopwatch.GetTimestamp();
                    await desk.AnswerAsync(WorkflowNetwork.Tenant, offerId, new OfferReply { Answer = answer, Nonce = string.Empty, Via = ReplyChannel.Sms });
                    answers.Add(Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
                    if (answer == OfferAnswer.Accept)
                    {
                        resolutions.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }));
                var before = view.Appointments.Count(static a => a.Status == AffectedAppointmentStatus.Waitlisted);
                view = (await workflow.Get())!;
                for (var i = before; i < view.Appointments.Count(static a => a.Status == AffectedAppointmentStatus.Waitlisted); i++)
                {
                    resolutions.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            summaries.Add(view.Summary);
            stateBytes.Add(JsonSerializer.SerializeToUtf8Bytes(view, RuntimeJson.Options).Length);
            Interlocked.Add(ref violations, view.Compliance.Violations.Count);
        })));
        wall.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var workflows = summaries.Count;
        var appointments = summaries.Sum(static s => s.AppointmentsProcessed);
        var sorted = resolutions.Order().ToArray();
        results.Add("workflows", workflows, "workflows", "concurrent workflows, one SQLite silo");
        results.Add("appointments", appointments, "appointments", "affected appointments");
        results.Add("wall_seconds", wall.Elapsed.TotalSeconds, "s", "wall time, trigger to every workflow completed");
        results.Add("cpu_seconds", cpu.TotalSeconds, "s", "CPU time the silo process used meanwhile (all cores)");
        results.Add("appointments_per_second", appointments / wall.Elapsed.TotalSeconds, "appointments/s", "appointments resolved per second");
        results.Add("p50_resolution_ms", Percentile(sorted, 0.50), "ms", "time to resolution of an appointment, p50");
        results.Add("p99_resolution_ms", Percentile(sorted, 0.99), "ms", "time to resolution of an appointment, p99");
        var triggerTimes = triggers.Order().ToArray();
        var answerTimes = answers.Order().ToArray();
        results.Add("trigger_p50_ms", Percentile(triggerTimes, 0.50), "ms", "trigger to offers sent (stages 1-5), p50");
        results.Add("trigger_p99_ms", Percentile(triggerTimes, 0.99), "ms", "trigger to offers sent (stages 1-5), p99");
        results.Add("answer_p50_ms", Percentile(answerTimes, 0.50), "ms", "one answer settled (booking or next offer), p50");
        results.Add("answer_p99_ms", Percentile(answerTimes, 0.99), "ms", "one answer settled (booking or next offer), p99");
        results.Add("workflow_state_kb", stateBytes.Average() / 1024.0, "KB", "a completed workflow with its audit trail (stored as the workflow record plus audit pages), average");
        results.Add("allocated_mb", (GC.GetTotalAllocatedBytes() - allocatedBefore) / (1024.0 * 1024.0), "MB", "managed memory allocated during the run");
        results.Add("gc_pause_seconds", (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds, "s", "time the garbage collector paused the process during the run");
        results.Add("peak_memory_mb", Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0), "MB", "peak working set of the process");
        results.Add("reassigned", summaries.Sum(static s => s.SuccessfullyReassigned), "appointments", "rebooked with consent");
        results.Add("waitlisted", summaries.Sum(static s => s.Waitlisted), "appointments", "waitlisted");
        results.Add("declined", summaries.Sum(static s => s.Declined), "offers", "declined offers (each followed by the next option)");
        results.Add("incomplete_workflows", summaries.Count(static s => s.Open > 0), "workflows", "workflows with an appointment not in a final state (must be 0)");
        results.Add("compliance_violations", violations, "violations", "bookings breaking a rule (must be 0)");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
