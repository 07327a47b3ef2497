using Reroute.Grains.Scheduling.Fhir;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Tests.Scheduling.Fhir;

public sealed class FhirAppointmentSearchTests
{
    private static readonly TimeSpan NewYork = TimeSpan.FromHours(-5);

    // 22:30 in New York on 2 March is already 3 March in UTC: a date search means the clinic's day.
    private static readonly Appointment LateMonday = new()
    {
        Id = "A1", PatientId = "P1", ProviderId = "T001", ClinicId = "C1", Discipline = "PT",
        Start = new DateTimeOffset(2026, 3, 2, 22, 30, 0, NewYork), End = new DateTimeOffset(2026, 3, 2, 23, 0, 0, NewYork),
        Status = AppointmentStatus.Booked,
    };

    [Theory]
    [InlineData("2026-03-02", true)]
    [InlineData("eq2026-03-02", true)]
    [InlineData("eq2026-03-03", false)]
    [InlineData("ge2026-03-02", true)]
    [InlineData("gt2026-03-02", false)]
    [InlineData("lt2026-03-03", true)]
    [InlineData("le2026-03-01", false)]
    [InlineData("ge2026-03-03T03:30:00Z", true)]
    [InlineData("gt2026-03-03T03:30:00Z", false)]
    [InlineData("lt2026-03-02T22:30:01-05:00", true)]
    public void A_date_compares_the_clinic_local_day_and_a_date_time_the_instant(string date, bool matches)
    {
        var search = Parse(("practitioner", "T001"), ("date", date));

        Assert.Equal(matches, search.Matches(LateMonday));
    }

    [Fact]
    public void Date_conditions_combine_into_a_window_and_statuses_into_a_choice()
    {
        var search = Parse(("patient", "Patient/P1"), ("date", "ge2026-03-01"), ("date", "lt2026-03-08"), ("status", "booked,arrived"));

        Assert.Equal(("P1", null), (search.PatientId, search.PractitionerId));
        Assert.True(search.Matches(LateMonday));
        Assert.False(search.Matches(LateMonday with { Status = AppointmentStatus.Cancelled }));
        Assert.False(search.Matches(LateMonday with { Start = LateMonday.Start.AddDays(7), End = LateMonday.End.AddDays(7) }));
        Assert.False(search.Matches(LateMonday with { PatientId = "P2" }));
    }

    [Fact]
    public void Practitioner_may_be_given_as_a_reference_and_must_match()
    {
        var search = Parse(("practitioner", "Practitioner/T001"));

        Assert.True(search.Matches(LateMonday));
        Assert.False(search.Matches(LateMonday with { ProviderId = "T002" }));
    }

    [Theory]
    [InlineData("status", "teleported", "status")]
    [InlineData("date", "sa2026-03-02", "date")]
    [InlineData("date", "2026-03-02T09:00", "date")]
    [InlineData("practitioner", "Practitioner/", "practitioner")]
    [InlineData("_sort", "date", "_sort")]
    public void Bad_parameters_are_named(string name, string value, string field)
    {
        var (search, errors) = FhirAppointmentSearch.Parse([new(name, value), new("patient", "P1")]);

        Assert.Null(search);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_search_needs_a_practitioner_or_a_patient()
    {
        var (search, errors) = FhirAppointmentSearch.Parse([new("status", "booked")]);

        Assert.Null(search);
        Assert.Equal(["practitioner"], errors.ToDictionary().Keys);
    }

    private static FhirAppointmentSearch Parse(params (string Name, string Value)[] query)
    {
        var (search, errors) = FhirAppointmentSearch.Parse(query.Select(static q => KeyValuePair.Create(q.Name, q.Value)));
        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Select(static e => $"{e.Key} {string.Join(" ", e.Value)}")));
        return search!;
    }
}
