using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Fhir;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>
/// <c>/api/fhir</c>: import of a FHIR R4 Bundle into the scheduling records, with a report per entry, and the search
/// and read of appointments as FHIR Appointment resources. The mapping itself is in Grains/Scheduling/Fhir.
/// </summary>
internal static partial class FhirEndpoints
{
    /// <summary>The FHIR JSON media type of exported resources.</summary>
    public const string FhirJsonContentType = "application/fhir+json; charset=utf-8";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/fhir", Import)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("ImportFhirBundle")
            .WithSummary("Imports a FHIR R4 Bundle (batch, transaction or collection) of Practitioner, PractitionerRole, Schedule, Slot, Patient and Appointment; answers a report per entry (Idempotency-Key honoured).")
            .Accepts<JsonElement>("application/fhir+json", "application/json")
            .Produces<FhirImportReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/fhir/Appointment", Search)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("SearchFhirAppointments")
            .WithSummary("A searchset Bundle of FHIR Appointments by practitioner and/or patient, date (eq/ge/gt/le/lt on start) and status.")
            .Produces<JsonElement>(contentType: "application/fhir+json")
            .ProducesValidationProblem();

        api.MapGet("/fhir/Appointment/{id}", Read)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("ReadFhirAppointment")
            .WithSummary("One appointment as a FHIR Appointment resource.")
            .Produces<JsonElement>(contentType: "application/fhir+json")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Import(
        HttpContext http, IGrainFactory grains, IOptions<SchedulingApiOptions> options, IOptions<FhirOptions> fhir, ILoggerFactory loggers)
    {
        // Bundles are larger than any command, so this endpoint has its own limit; over it Kestrel answers 413.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = fhir.Value.MaxBundleSize;
        }

        var tenant = SchedulingRequest.Tenant(http.User)!;
        var body = await StrictJson.ReadBodyAsync(http.Request);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["$"] = [$"is not well-formed JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."],
            });
        }

        using (document)
        {
            FhirImportPlan plan;
            try
            {
                plan = FhirBundleImport.Plan(document.RootElement);
            }
            catch (FhirBundleException ex)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not an importable Bundle", detail: ex.Message);
            }

            var logger = loggers.CreateLogger(typeof(FhirEndpoints).FullName!);
            return await IdempotentWrite.RunAsync(http, grains, options, tenant, body, () => WriteAsync(plan, tenant, grains, logger));
        }
    }

    // Every entry was checked before this point; here only what depends on stored state (an appointment's status
    // transition) can still refuse one. Each record is one grain write, so a record is written whole or not at all.
    private static async Task<IResult> WriteAsync(FhirImportPlan plan, string tenant, IGrainFactory grains, ILogger logger)
    {
        foreach (var write in plan.Appointments)
        {
            var stored = await grains.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, write.Record.Id)).Get();
            if (stored is not null && !AppointmentTransitions.IsAllowed(stored.Appointment.Status, write.Record.Status))
            {
                plan.Refuse(write, $"Appointment.status: the stored appointment is '{AppointmentTransitions.Name(stored.Appointment.Status)}' and may not become '{AppointmentTransitions.Name(write.Record.Status)}'.");
            }
        }

        foreach (var write in plan.Providers)
        {
            var provider = grains.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, write.Record.Id));
            await WriteOneAsync(plan, write, async () => await provider.Upsert(FhirProviderMapping.KeepRecordedUnavailability(write.Record, await provider.Get())));
        }

        foreach (var write in plan.Patients)
        {
            await WriteOneAsync(plan, write, () => grains.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, write.Record.Id)).Upsert(write.Record));
        }

        foreach (var write in plan.Appointments)
        {
            await WriteOneAsync(plan, write, () => grains.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, write.Record.Id)).Upsert(write.Record));
        }

        var report = plan.Report();
        LogImported(logger, tenant, report.Imported, report.Skipped, report.Invalid);
        return SchedulingRequest.Ok(report);
    }

    private static async Task WriteOneAsync<TRecord, TResult>(FhirImportPlan plan, FhirPlannedWrite<TRecord> write, Func<Task<TResult>> upsert)
    {
        if (!plan.IsWritable(write))
        {
            return;
        }

        try
        {
            await upsert();
        }
        catch (SchedulingValidationException ex)
        {
            plan.Refuse(write, ex.Message);
        }
        catch (AppointmentTransitionException ex)
        {
            // The stored status changed between the check and the write.
            plan.Refuse(write, $"Appointment.status: {ex.Message}");
        }
    }

    private static async Task<IResult> Search(HttpContext http, IGrainFactory grains)
    {
        var query = http.Request.Query.SelectMany(static p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty)));
        var (search, errors) = FhirAppointmentSearch.Parse(query);
        if (search is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var tenant = SchedulingRequest.Tenant(http.User)!;
        var index = search.PractitionerId is { } practitioner
            ? await grains.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, practitioner)).GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)
            : await grains.GetGrain<IPatientScheduleGrain>(SchedulingKeys.Of(tenant, search.PatientId!)).GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        // The index may lag a change by one write; the appointment grain is the truth, so match on its record.
        var records = await Task.WhenAll(index.Select(a => grains.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, a.AppointmentId)).Get()));
        var matches = records.OfType<AppointmentRecord>().Where(r => search.Matches(r.Appointment)).ToList();
        var self = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}";
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["total"] = matches.Count,
            ["link"] = new JsonArray(new JsonObject { ["relation"] = "self", ["url"] = self }),
            ["entry"] = new JsonArray([.. matches.Select(r => (JsonNode)new JsonObject
            {
                ["fullUrl"] = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/fhir/Appointment/{r.Appointment.Id}",
                ["resource"] = FhirAppointmentMapping.ToResource(r),
                ["search"] = new JsonObject { ["mode"] = "match" },
            })]),
        };
        return TypedResults.Text(bundle.ToJsonString(), FhirJsonContentType);
    }

    private static async Task<IResult> Read(string id, HttpContext http, IGrainFactory grains)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } badId)
        {
            return badId;
        }

        var record = await grains.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(SchedulingRequest.Tenant(http.User)!, id)).Get();
        return record is null
            ? SchedulingRequest.NotFound("Appointment", id)
            : TypedResults.Text(FhirAppointmentMapping.ToResource(record).ToJsonString(), FhirJsonContentType);
    }

    // Counts and tenant only: resources carry PHI and never reach the log.
    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR bundle imported for tenant {Tenant}: {Imported} imported, {Skipped} skipped, {Invalid} invalid")]
    private static partial void LogImported(ILogger logger, string tenant, int imported, int skipped, int invalid);
}
