using System.Globalization;
using System.Text;
using System.Text.Json;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Client;

// What an EHR integration needs: the scheduling records, FHIR Bundle import and FHIR Appointment export.
public sealed partial class RerouteClient
{
    /// <summary>Creates or replaces a provider: <c>PUT /api/providers/{id}</c> (admin, scheduler, ehr-integration).</summary>
    /// <returns>The profile as stored, with booked slots moved from bookable to booked.</returns>
    /// <exception cref="RerouteApiException">400 naming the invalid fields, 403 for other roles, or another error.</exception>
    public Task<ProviderProfile> UpsertProviderAsync(ProviderProfile provider, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return PutAsync<ProviderProfile, ProviderProfile>($"api/providers/{Escape(provider.Id)}", provider, call, cancellationToken);
    }

    /// <summary>Creates or replaces a patient: <c>PUT /api/patients/{id}</c>.</summary>
    /// <exception cref="RerouteApiException">400 naming the invalid fields, 403 for other roles, or another error.</exception>
    public Task<PatientProfile> UpsertPatientAsync(PatientProfile patient, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return PutAsync<PatientProfile, PatientProfile>($"api/patients/{Escape(patient.Id)}", patient, call, cancellationToken);
    }

    /// <summary>Creates or replaces an appointment: <c>PUT /api/appointments/{id}</c>; a changed status must be a legal FHIR transition.</summary>
    /// <returns>The appointment with its status history.</returns>
    /// <exception cref="RerouteApiException">400 naming the invalid fields, 409 for an illegal status transition, or another error.</exception>
    public Task<AppointmentRecord> UpsertAppointmentAsync(Appointment appointment, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return PutAsync<Appointment, AppointmentRecord>($"api/appointments/{Escape(appointment.Id)}", appointment, call, cancellationToken);
    }

    /// <summary>A provider's profile: <c>GET /api/providers/{id}</c>.</summary>
    /// <exception cref="RerouteApiException">404 for an unknown provider, or another error.</exception>
    public Task<ProviderProfile> GetProviderAsync(string id, RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<ProviderProfile>($"api/providers/{Escape(id)}", call, cancellationToken);

    /// <summary>A patient's profile: <c>GET /api/patients/{id}</c>.</summary>
    /// <exception cref="RerouteApiException">404 for an unknown patient, or another error.</exception>
    public Task<PatientProfile> GetPatientAsync(string id, RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<PatientProfile>($"api/patients/{Escape(id)}", call, cancellationToken);

    /// <summary>An appointment and its status history: <c>GET /api/appointments/{id}</c>.</summary>
    /// <exception cref="RerouteApiException">404 for an unknown appointment, or another error.</exception>
    public Task<AppointmentRecord> GetAppointmentAsync(string id, RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<AppointmentRecord>($"api/appointments/{Escape(id)}", call, cancellationToken);

    /// <summary>
    /// Imports a FHIR R4 Bundle (batch, transaction or collection) given as JSON text: <c>POST /api/fhir</c>. The bytes
    /// are sent as given, so a retry or a repeat with the same idempotency key is recognised as the same import.
    /// </summary>
    /// <returns>One line per entry: imported, skipped (a type Reroute does not keep) or invalid, with the problems.</returns>
    /// <exception cref="RerouteApiException">400 for malformed JSON, 413 for a Bundle over the silo's limit, 422 for a document that is not an importable Bundle.</exception>
    public Task<FhirImportReport> ImportFhirAsync(string bundleJson, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundleJson);
        return SendAndThrowAsync<FhirImportReport>(new Request(HttpMethod.Post, "api/fhir", Encoding.UTF8.GetBytes(bundleJson), call), cancellationToken);
    }

    /// <summary>Imports a FHIR R4 Bundle given as a parsed document: <c>POST /api/fhir</c>.</summary>
    /// <inheritdoc cref="ImportFhirAsync(string, RerouteCallOptions?, CancellationToken)" path="/returns"/>
    /// <exception cref="RerouteApiException">413 for a Bundle over the silo's limit, 422 for a document that is not an importable Bundle.</exception>
    public Task<FhirImportReport> ImportFhirAsync(JsonDocument bundle, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return SendAndThrowAsync<FhirImportReport>(new Request(HttpMethod.Post, "api/fhir", JsonSerializer.SerializeToUtf8Bytes(bundle.RootElement), call), cancellationToken);
    }

    /// <summary>Appointments as a FHIR searchset Bundle of Appointment resources: <c>GET /api/fhir/Appointment?…</c>.</summary>
    /// <exception cref="ArgumentException">Neither a practitioner nor a patient is given.</exception>
    /// <exception cref="RerouteApiException">400 naming a bad parameter, or another error.</exception>
    public Task<JsonElement> ExportAppointmentsAsync(FhirAppointmentQuery query, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PractitionerId is null && query.PatientId is null)
        {
            throw new ArgumentException("A FHIR appointment search needs a practitioner or a patient.", nameof(query));
        }

        var parameters = new List<string>();
        if (query.PractitionerId is { } practitioner)
        {
            parameters.Add($"practitioner={Escape(practitioner)}");
        }

        if (query.PatientId is { } patient)
        {
            parameters.Add($"patient={Escape(patient)}");
        }

        if (query.StartsFrom is { } from)
        {
            parameters.Add($"date=ge{Escape(Instant(from))}");
        }

        if (query.StartsBefore is { } before)
        {
            parameters.Add($"date=lt{Escape(Instant(before))}");
        }

        if (query.Statuses.Count > 0)
        {
            parameters.Add($"status={Escape(string.Join(',', query.Statuses.Select(static s => JsonSerializer.Serialize(s).Trim('"'))))}");
        }

        return GetAsync<JsonElement>($"api/fhir/Appointment?{string.Join('&', parameters)}", call, cancellationToken);
    }

    /// <summary>One appointment as a FHIR Appointment resource: <c>GET /api/fhir/Appointment/{id}</c>.</summary>
    /// <exception cref="RerouteApiException">404 for an unknown appointment, or another error.</exception>
    public Task<JsonElement> GetFhirAppointmentAsync(string id, RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<JsonElement>($"api/fhir/Appointment/{Escape(id)}", call, cancellationToken);

    private static string Escape(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }

    // FHIR's instant: seconds and the offset, as the silo's search requires.
    private static string Instant(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
