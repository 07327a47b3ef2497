using System.Net;
using Reroute.Interfaces.Scheduling;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Scheduling;

/// <summary>The patient's contact channel and address: stored as given, refused when they cannot reach anyone.</summary>
public sealed class PatientContactTests
{
    public static TheoryData<string, string[]> InvalidContacts => new()
    {
        { SchedulingApi.Json(SchedulingApi.Patient() with { Channel = NotificationChannel.Email }), ["contactAddress"] },
        { SchedulingApi.Json(SchedulingApi.Patient() with { Channel = NotificationChannel.Sms, ContactAddress = " " }), ["contactAddress"] },
        { SchedulingApi.Json(SchedulingApi.Patient() with { Channel = NotificationChannel.Ivr, ContactAddress = new string('5', 255) }), ["contactAddress"] },
        { SchedulingApi.Json(SchedulingApi.Patient()).Replace("\"channel\":\"Outbox\"", "\"channel\":\"Pigeon\"", StringComparison.Ordinal), ["channel"] },
    };

    [Fact]
    public async Task A_patients_channel_and_address_are_stored_and_read_back()
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        var patient = SchedulingApi.Patient() with { Channel = NotificationChannel.Sms, ContactAddress = "+15550123" };

        await silo.PutAsync("/api/patients/P1", token, patient).ExpectSuccessAsync();

        using var read = await silo.GetAsync("/api/patients/P1", token);
        var body = await read.BodyAsync();
        Assert.Equal(("Sms", "+15550123"), (body.GetProperty("channel").GetString(), body.GetProperty("contactAddress").GetString()));
    }

    [Theory]
    [MemberData(nameof(InvalidContacts))]
    public async Task A_contact_that_cannot_reach_the_patient_is_a_400_naming_the_field_and_changes_nothing(string body, string[] fields)
    {
        await using var silo = await TestSilo.StartAsync();
        var token = silo.Token(Roles.Scheduler);
        await silo.PutAsync("/api/patients/P1", token, SchedulingApi.Patient() with { Channel = NotificationChannel.Email, ContactAddress = "p1@example.org" }).ExpectSuccessAsync();
        var before = await silo.ReadAsync("/api/patients/P1", token);

        using var response = await silo.PutAsync("/api/patients/P1", token, body);

        Assert.Equal(fields, (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await silo.ReadAsync("/api/patients/P1", token));
    }
}
