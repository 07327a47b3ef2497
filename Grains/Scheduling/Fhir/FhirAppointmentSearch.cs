using System.Globalization;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// The FHIR search <c>Appointment?practitioner=&amp;patient=&amp;date=&amp;status=</c>: practitioner and patient as an id
/// or Type/id, <c>date</c> repeatable with a prefix, <c>status</c> a comma-separated list (any of them matches).
/// At least practitioner or patient is required: appointments are indexed by provider and by patient, not by tenant.
/// </summary>
public sealed record FhirAppointmentSearch
{
    /// <summary>The search parameters understood; any other is refused rather than silently ignored.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["practitioner", "patient", "date", "status"];

    private static readonly string[] Prefixes = ["eq", "ge", "gt", "le", "lt"];

    /// <summary>The provider searched for, if any.</summary>
    public string? PractitionerId { get; init; }

    /// <summary>The patient searched for, if any.</summary>
    public string? PatientId { get; init; }

    /// <summary>Conditions on the start, all of which must hold.</summary>
    public IReadOnlyList<FhirDateCondition> Dates { get; init; } = [];

    /// <summary>Statuses any of which matches; empty matches every status.</summary>
    public IReadOnlyList<AppointmentStatus> Statuses { get; init; } = [];

    /// <summary>Reads the query; the errors name the parameter.</summary>
    public static (FhirAppointmentSearch? Search, ValidationErrors Errors) Parse(IEnumerable<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        string? practitioner = null, patient = null;
        var dates = new List<FhirDateCondition>();
        var statuses = new List<AppointmentStatus>();
        foreach (var (name, value) in query)
        {
            switch (name)
            {
                case "practitioner":
                    practitioner = Id(value, "Practitioner", name, practitioner, errors);
                    break;
                case "patient":
                    patient = Id(value, "Patient", name, patient, errors);
                    break;
                case "date":
                    if (Date(value) is { } condition)
                    {
                        dates.Add(condition);
                    }
                    else
                    {
                        errors.Add(name, $"'{value}' must be a prefix ({string.Join(", ", Prefixes)}) and a date (yyyy-MM-dd) or a dateTime with a time zone.");
                    }

                    break;
                case "status":
                    foreach (var code in value.Split(',', StringSplitOptions.TrimEntries))
                    {
                        if (FhirValues.TryParseStatus(code, out var status))
                        {
                            statuses.Add(status);
                        }
                        else
                        {
                            errors.Add(name, $"'{code}' is not one of {string.Join(", ", FhirValues.StatusCodes)}.");
                        }
                    }

                    break;
                default:
                    errors.Add(name, $"is not a supported search parameter; use {string.Join(", ", Parameters)}.");
                    break;
            }
        }

        errors.Require(practitioner is not null || patient is not null || !errors.IsEmpty, "practitioner", "practitioner or patient is required.");
        return errors.IsEmpty
            ? (new FhirAppointmentSearch { PractitionerId = practitioner, PatientId = patient, Dates = dates, Statuses = statuses }, errors)
            : (null, errors);
    }

    /// <summary>Whether <paramref name="appointment"/> meets every parameter.</summary>
    public bool Matches(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return (PractitionerId is null || appointment.ProviderId == PractitionerId)
            && (PatientId is null || appointment.PatientId == PatientId)
            && (Statuses.Count == 0 || Statuses.Contains(appointment.Status))
            && Dates.All(d => d.Matches(appointment.Start));
    }

    private static string? Id(string value, string type, string name, string? previous, ValidationErrors errors)
    {
        var id = value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
        errors.Require(SchedulingKeys.IsValidId(id), name, $"must be an id or {type}/id.");
        errors.Require(previous is null, name, "may be given once.");
        return id;
    }

    private static FhirDateCondition? Date(string value)
    {
        var prefix = value.Length > 2 && char.IsAsciiLetter(value[0]) ? value[..2] : "eq";
        var text = value.Length > 2 && char.IsAsciiLetter(value[0]) ? value[2..] : value;
        if (!Prefixes.Contains(prefix))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new FhirDateCondition(prefix, day, null);
        }

        var problems = new FhirProblems();
        return FhirJson.Instant(text, "date", problems) is { } instant ? new FhirDateCondition(prefix, null, instant) : null;
    }
}
