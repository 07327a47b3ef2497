using System.Globalization;
using Reroute.Grains.Scheduling.Demo;
using Reroute.Interfaces.Scheduling;
using Reroute.Silo.Options;

namespace Reroute.Silo.Demo;

/// <summary>What the demo prints: the setting, the workflow's summary with checks that its numbers add up, and where to look.</summary>
internal static class DemoReport
{
    private const int PatientsShown = 3;

    public static Task IntroduceAsync(TextWriter output, string folder, DemoOptions demo, DemoSeedMarker network, DateTimeOffset now) =>
        output.WriteAsync(Invariant($"""
            Reroute demo: a clinic network loses provider {ClinicNetworkGenerator.DepartingProviderId}
              data       {folder} (SQLite, a new folder each run unless --data-dir)
              network    tenant {demo.Tenant}, seed {network.Seed}: {ClinicNetworkSpec.DemoClinics} clinics, {network.Providers} providers, {network.Patients} patients, {network.Appointments:N0} appointments over {ClinicNetworkSpec.DefaultDays} days from {network.StartDate:yyyy-MM-dd}
              departure  {ClinicNetworkGenerator.DepartingProviderId} unavailable from {now:yyyy-MM-dd HH:mm}Z for {demo.DepartureWindow.TotalDays:F0} days (source admin)
              patients   {demo.PatientAcceptShare:P0} accept, {demo.PatientDeclineShare:P0} decline, {1 - demo.PatientAcceptShare - demo.PatientDeclineShare:P0} never answer; answers {Span(demo.FastestAnswer)} to {Span(demo.SlowestAnswer)} after the message, by link, SMS or IVR as each patient prefers

            """));

    /// <summary>Prints the summary and the checks; true when every check holds.</summary>
    public static async Task<bool> SummarizeAsync(TextWriter output, DemoRun run, WorkflowView view, DateTimeOffset now, TimeSpan wall)
    {
        var tally = run.Tally;
        var summary = view.Summary;
        var compliance = view.Compliance;
        var channels = string.Join(", ", tally.ByChannel.OrderBy(static c => c.Key, StringComparer.Ordinal).Select(static c => Invariant($"{c.Key} {c.Value}")));
        await output.WriteLineAsync(Invariant(
            $"Played {Span(now - run.StartedAt)} of virtual time in {wall.TotalSeconds:F1} s: {tally.OffersReceived} offers received ({channels}; {tally.BackfillOffers} of them backfill offers to waitlisted patients), {tally.Accepted} accepted, {tally.Declined} declined, {tally.Ignored} never answered, {tally.Reviews} escalations approved by the head of department."));
        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant($"Summary of workflow {view.WorkflowId} ({view.Status.ToString().ToLowerInvariant()})"));
        foreach (var (name, value) in new (string, int)[]
        {
            ("appointments_processed", summary.AppointmentsProcessed),
            ("successfully_reassigned", summary.SuccessfullyReassigned),
            ("waitlisted", summary.Waitlisted),
            ("escalated_to_hod", summary.EscalatedToHod),
            ("backfilled", summary.Backfilled),
            ("declined", summary.Declined),
            ("expired", summary.Expired),
        })
        {
            await output.WriteLineAsync(Invariant($"  {name,-24}{value,5}"));
        }

        await output.WriteLineAsync(Invariant(
            $"  compliance: {compliance.RulesChecked.Count} rules checked ({string.Join(", ", compliance.RulesChecked)}), {compliance.ProposalsChecked} proposals checked, {compliance.Violations.Count} violations, {compliance.ApprovedExceptions.Count} approved exceptions; audit chain {(compliance.AuditChainIntact ? "intact" : "BROKEN")} ({view.Audit.Count} entries)"));
        await output.WriteLineAsync();

        var checks = new (bool Holds, string Text)[]
        {
            (view.Status == WorkflowStatus.Completed && summary.Open == 0, Invariant($"every affected appointment reached a final state (open {summary.Open})")),
            (summary.SuccessfullyReassigned + summary.Waitlisted + summary.Cancelled == summary.AppointmentsProcessed,
                Invariant($"reassigned + waitlisted + cancelled = processed ({summary.SuccessfullyReassigned} + {summary.Waitlisted} + {summary.Cancelled} = {summary.AppointmentsProcessed})")),
            (summary.SuccessfullyReassigned + summary.Backfilled == tally.Accepted,
                Invariant($"reassigned + backfilled = the patients' accepts ({summary.SuccessfullyReassigned} + {summary.Backfilled} = {tally.Accepted})")),
            (summary.Declined == tally.Declined, Invariant($"declined = the patients' declines ({tally.Declined})")),
            (summary.Expired == tally.Ignored + tally.Late, Invariant($"expired = offers nobody answered in time ({tally.Ignored + tally.Late})")),
            (compliance.Violations.Count == 0 && compliance.AuditChainIntact, "no compliance violations, and the audit chain verifies"),
        };
        await output.WriteLineAsync("Checks");
        foreach (var (holds, text) in checks)
        {
            await output.WriteLineAsync((holds ? "  ok    " : "  FAIL  ") + text);
        }

        return checks.All(static c => c.Holds);
    }

    public static async Task WhereToLookAsync(TextWriter output, Uri silo, string token, string tenant, string folder, WorkflowView view, bool exiting)
    {
        await output.WriteLineAsync();
        if (exiting)
        {
            // The demo's token was issued on its virtual clock, ahead of a silo running on real time.
            await output.WriteLineAsync(Invariant($"Where to look: the data stays in {folder}; serve it with"));
            await output.WriteLineAsync(Invariant($"  dotnet run --project Silo -- --Reroute:Silo:DataDirectory={folder}"));
            await output.WriteLineAsync(Invariant($"  export TOKEN=$(dotnet run --project Silo -- token --role scheduler --tenant {tenant} --Reroute:Silo:DataDirectory={folder})"));
        }
        else
        {
            await output.WriteLineAsync(Invariant($"Where to look: the silo serves on {silo} until Ctrl+C, its clock running on from the demo's virtual time."));
            await output.WriteLineAsync(Invariant($"  export TOKEN={token}"));
        }

        var curl = Invariant($"  curl -s -H \"Authorization: Bearer $TOKEN\" {silo}");
        await output.WriteLineAsync(Invariant($"{curl}api/workflows/{view.WorkflowId}          # stages, each appointment's trail, summary, compliance"));
        await output.WriteLineAsync(Invariant($"{curl}api/workflows/{view.WorkflowId}/audit    # the hash-chained audit trail"));
        await output.WriteLineAsync(Invariant($"{curl}api/workflows                            # every workflow of the tenant"));
        foreach (var appointment in view.Appointments.Take(PatientsShown))
        {
            await output.WriteLineAsync(Invariant($"{curl}api/patients/{appointment.PatientId}/messages    # what patient {appointment.PatientId} was sent ({appointment.Status.ToString().ToLowerInvariant()})"));
        }

        await output.WriteLineAsync(Invariant($"{curl}api/escalations                          # the head of department's queue"));
    }

    private static string Span(TimeSpan span) => span.TotalHours >= 48
        ? Invariant($"{(int)span.TotalDays} days {span.Hours} h")
        : span.TotalMinutes >= 90 ? Invariant($"{span.TotalHours:F0} h") : Invariant($"{span.TotalMinutes:F0} min");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
