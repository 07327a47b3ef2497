using System.Text.Json.Nodes;

namespace Reroute.SiloTesting;

/// <summary>
/// FHIR R4 Bundles as an EHR would send them, for the import tests of the Grains, Silo and Client projects: one
/// clinic (C1, New York) with two providers, their schedules and slots, two patients and three appointments, plus
/// resources Reroute does not import.
/// </summary>
public static class FhirBundles
{
    public const string Ext = "http://reroute.example/fhir/StructureDefinition/";

    public const string Geolocation = "http://hl7.org/fhir/StructureDefinition/geolocation";

    /// <summary>Monday 2 March 2026, 09:00 in New York.</summary>
    public const string Monday9 = "2026-03-02T09:00:00-05:00";

    /// <summary>The entries of <see cref="Clinic"/>, in order, as (resourceType, id).</summary>
    public static readonly (string Type, string Id)[] ClinicEntries =
    [
        ("Practitioner", "T001"), ("PractitionerRole", "R-T001"), ("Schedule", "S-T001"),
        ("Slot", "SL1"), ("Slot", "SL2"), ("Slot", "SL3"), ("Slot", "SL4"), ("Slot", "SL5"),
        ("Practitioner", "T002"), ("PractitionerRole", "R-T002"), ("Schedule", "S-T002"), ("Slot", "SL6"),
        ("Patient", "P1"), ("Patient", "P2"),
        ("Appointment", "A1"), ("Appointment", "A2"), ("Appointment", "A3"),
        ("Organization", "ORG1"), ("Location", "C1"),
    ];

    public static JsonObject Clinic() => Bundle(
        Practitioner("T001", "female", ("NY", "2027-06-30", "active"), ["en", "es"], years: 12),
        Role("R-T001", "T001", "PT", ["orthopedic", "vestibular"], capacity: 8, payers: ["AETNA", "MEDICARE"]),
        Schedule("S-T001", "Practitioner/T001"),
        Slot("SL1", "S-T001", "free", "2026-03-02T09:00:00-05:00", "2026-03-02T09:45:00-05:00"),
        Slot("SL2", "S-T001", "free", "2026-03-02T10:00:00-05:00", "2026-03-02T10:45:00-05:00"),
        Slot("SL3", "S-T001", "busy", "2026-03-02T11:00:00-05:00", "2026-03-02T11:45:00-05:00"),
        Slot("SL4", "S-T001", "busy-unavailable", "2026-03-03T08:00:00-05:00", "2026-03-03T17:00:00-05:00"),
        Slot("SL5", "S-T001", "entered-in-error", "2026-03-04T09:00:00-05:00", "2026-03-04T09:45:00-05:00"),
        Practitioner("T002", "male", ("NY", "2026-12-31", null), ["en"], years: 3),
        Role("R-T002", "T002", "OT", ["hand"], capacity: 6, payers: ["AETNA"]),
        Schedule("S-T002", "PractitionerRole/R-T002"),
        Slot("SL6", "S-T002", "free", "2026-03-05T13:00:00-05:00", "2026-03-05T13:45:00-05:00"),
        PatientP1(),
        Patient("P2", "NY"),
        Appointment("A1", "booked", "P1", "Practitioner/T001", "C1", "PT", null, Monday9, "2026-03-02T09:45:00-05:00"),
        Urgent(Appointment("A2", "pending", "P2", "PractitionerRole/R-T002", null, "OT", "hand", "2026-03-05T13:00:00-05:00", "2026-03-05T13:45:00-05:00")),
        Appointment("A3", "fulfilled", "P1", "Practitioner/T001", "C1", "PT", null, "2026-02-23T09:00:00-05:00", "2026-02-23T09:45:00-05:00"),
        new JsonObject { ["resourceType"] = "Organization", ["id"] = "ORG1", ["name"] = "North Clinics" },
        new JsonObject { ["resourceType"] = "Location", ["id"] = "C1", ["name"] = "North Clinic" });

    /// <summary>A transaction Bundle of <paramref name="resources"/>, each entry with its fullUrl and a PUT request as EHRs send them.</summary>
    public static JsonObject Bundle(params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "transaction",
        ["entry"] = new JsonArray([.. resources.Select(static r => (JsonNode)new JsonObject
        {
            ["fullUrl"] = $"https://ehr.example/fhir/{r["resourceType"]}/{r["id"]}",
            ["resource"] = r,
            ["request"] = new JsonObject { ["method"] = "PUT", ["url"] = $"{r["resourceType"]}/{r["id"]}" },
        })]),
    };

    /// <summary>The resource <paramref name="type"/>/<paramref name="id"/> inside <paramref name="bundle"/>, to change it.</summary>
    public static JsonObject Resource(JsonObject bundle, string type, string id) =>
        bundle["entry"]!.AsArray().Select(static e => e!["resource"]!.AsObject())
            .Single(r => (string?)r["resourceType"] == type && (string?)r["id"] == id);

    public static JsonObject Practitioner(string id, string gender, (string State, string Expires, string? Status) license, string[] languages, double years) => new()
    {
        ["resourceType"] = "Practitioner",
        ["id"] = id,
        ["name"] = new JsonArray(new JsonObject { ["family"] = "Rivera", ["given"] = new JsonArray("Ana") }),
        ["telecom"] = new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = "555-0100" }),
        ["gender"] = gender,
        ["qualification"] = new JsonArray(
            new JsonObject
            {
                ["code"] = new JsonObject { ["text"] = "Doctor of Physical Therapy" },
            },
            License(license.State, license.Expires, license.Status)),
        ["communication"] = new JsonArray([.. languages.Select(static l => (JsonNode)new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "urn:ietf:bcp:47", ["code"] = l }),
        })]),
        ["extension"] = new JsonArray(new JsonObject { ["url"] = Ext + "years-of-experience", ["valueDecimal"] = years }),
    };

    public static JsonObject License(string state, string expires, string? status)
    {
        var extensions = new JsonArray(new JsonObject { ["url"] = Ext + "license-state", ["valueCode"] = state });
        if (status is not null)
        {
            extensions.Add(new JsonObject { ["url"] = Ext + "license-status", ["valueCode"] = status });
        }

        return new JsonObject
        {
            ["extension"] = extensions,
            ["identifier"] = new JsonArray(new JsonObject { ["system"] = $"urn:license:{state}", ["value"] = "012345" }),
            ["code"] = new JsonObject { ["text"] = "State license" },
            ["period"] = new JsonObject { ["end"] = expires },
        };
    }

    public static JsonObject Role(string id, string practitioner, string discipline, string[] specialties, int capacity, string[] payers)
    {
        var extensions = new JsonArray(
            new JsonObject { ["url"] = Ext + "daily-capacity", ["valueInteger"] = capacity },
            new JsonObject
            {
                ["url"] = Ext + "clinic-address",
                ["valueAddress"] = new JsonObject
                {
                    ["line"] = new JsonArray("1 Main St"),
                    ["city"] = "New York",
                    ["state"] = "NY",
                    ["extension"] = new JsonArray(GeolocationOf(40.73, -73.99)),
                },
            });
        foreach (var payer in payers)
        {
            extensions.Add(new JsonObject { ["url"] = Ext + "accepted-payer", ["valueString"] = payer });
        }

        return new JsonObject
        {
            ["resourceType"] = "PractitionerRole",
            ["id"] = id,
            ["active"] = true,
            ["practitioner"] = new JsonObject { ["reference"] = $"Practitioner/{practitioner}" },
            ["code"] = new JsonArray(Concept("http://reroute.example/fhir/CodeSystem/discipline", discipline)),
            ["specialty"] = new JsonArray([.. specialties.Select(static s => (JsonNode)Concept("http://reroute.example/fhir/CodeSystem/specialty", s))]),
            ["location"] = new JsonArray(new JsonObject { ["reference"] = "Location/C1" }),
            ["extension"] = extensions,
        };
    }

    public static JsonObject Schedule(string id, string actor) => new()
    {
        ["resourceType"] = "Schedule",
        ["id"] = id,
        ["actor"] = new JsonArray(new JsonObject { ["reference"] = actor }, new JsonObject { ["reference"] = "Location/C1" }),
    };

    public static JsonObject Slot(string id, string schedule, string status, string start, string end) => new()
    {
        ["resourceType"] = "Slot",
        ["id"] = id,
        ["schedule"] = new JsonObject { ["reference"] = $"Schedule/{schedule}" },
        ["status"] = status,
        ["start"] = start,
        ["end"] = end,
    };

    public static JsonObject Patient(string id, string state) => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["name"] = new JsonArray(new JsonObject { ["family"] = "Doe", ["given"] = new JsonArray("Jane") }),
        ["birthDate"] = "1961-04-12",
        ["address"] = new JsonArray(new JsonObject { ["use"] = "home", ["state"] = state }),
    };

    public static JsonObject PatientP1()
    {
        var patient = Patient("P1", "NY");
        patient["address"]![0]!["extension"] = new JsonArray(GeolocationOf(40.75, -73.98));
        patient["telecom"] = new JsonArray(
            new JsonObject { ["system"] = "phone", ["use"] = "home", ["value"] = "+12125550100" },
            new JsonObject { ["system"] = "email", ["value"] = "jane@example.org", ["rank"] = 1 },
            new JsonObject { ["system"] = "phone", ["use"] = "mobile", ["value"] = "+19175550123" });
        patient["communication"] = new JsonArray(
            new JsonObject { ["language"] = Concept("urn:ietf:bcp:47", "en") },
            new JsonObject { ["language"] = Concept("urn:ietf:bcp:47", "es"), ["preferred"] = true });
        patient["extension"] = new JsonArray(
            new JsonObject { ["url"] = Ext + "preferred-channel", ["valueCode"] = "email" },
            new JsonObject { ["url"] = Ext + "preferred-provider-gender", ["valueCode"] = "female" },
            new JsonObject { ["url"] = Ext + "preferred-day", ["valueCode"] = "mon" },
            new JsonObject { ["url"] = Ext + "preferred-day", ["valueCode"] = "wed" },
            new JsonObject
            {
                ["url"] = Ext + "preferred-time",
                ["extension"] = new JsonArray(
                    new JsonObject { ["url"] = "from", ["valueTime"] = "08:00:00" },
                    new JsonObject { ["url"] = "to", ["valueTime"] = "12:00:00" }),
            },
            new JsonObject { ["url"] = Ext + "max-travel-distance-km", ["valueDecimal"] = 25 },
            new JsonObject { ["url"] = Ext + "coverage-payer", ["valueString"] = "AETNA" },
            new JsonObject
            {
                ["url"] = Ext + "plan-of-care",
                ["extension"] = new JsonArray(
                    new JsonObject { ["url"] = "discipline", ["valueCode"] = "PT" },
                    new JsonObject { ["url"] = "focus-specialty", ["valueCode"] = "vestibular" },
                    new JsonObject { ["url"] = "visits-authorized", ["valueInteger"] = 12 },
                    new JsonObject { ["url"] = "visits-used", ["valueInteger"] = 3 },
                    new JsonObject { ["url"] = "expires-on", ["valueDate"] = "2026-06-30" },
                    new JsonObject { ["url"] = "certifying-provider", ["valueReference"] = new JsonObject { ["reference"] = "Practitioner/DR9" } }),
            },
            new JsonObject
            {
                ["url"] = Ext + "provider-history",
                ["extension"] = new JsonArray(
                    new JsonObject { ["url"] = "provider", ["valueReference"] = new JsonObject { ["reference"] = "Practitioner/T001" } },
                    new JsonObject { ["url"] = "visits", ["valueInteger"] = 4 },
                    new JsonObject { ["url"] = "last-visit", ["valueDateTime"] = "2026-02-23T09:00:00-05:00" }),
            },
            new JsonObject { ["url"] = Ext + "no-show-count", ["valueInteger"] = 1 },
            new JsonObject { ["url"] = Ext + "total-appointments", ["valueInteger"] = 10 });
        return patient;
    }

    public static JsonObject Appointment(
        string id, string status, string patient, string provider, string? location, string discipline, string? specialty, string start, string end)
    {
        var participants = new JsonArray(
            new JsonObject { ["actor"] = new JsonObject { ["reference"] = $"Patient/{patient}", ["display"] = "Jane Doe" }, ["status"] = "accepted" },
            new JsonObject { ["actor"] = new JsonObject { ["reference"] = provider }, ["status"] = "accepted" });
        if (location is not null)
        {
            participants.Add(new JsonObject { ["actor"] = new JsonObject { ["reference"] = $"Location/{location}" }, ["status"] = "accepted" });
        }

        var appointment = new JsonObject
        {
            ["resourceType"] = "Appointment",
            ["id"] = id,
            ["status"] = status,
            ["serviceType"] = new JsonArray(Concept("http://reroute.example/fhir/CodeSystem/discipline", discipline)),
            ["start"] = start,
            ["end"] = end,
            ["participant"] = participants,
        };
        if (specialty is not null)
        {
            appointment["specialty"] = new JsonArray(Concept("http://reroute.example/fhir/CodeSystem/specialty", specialty));
        }

        return appointment;
    }

    // iCal priority 2 (1 is the highest): an urgent visit.
    private static JsonObject Urgent(JsonObject appointment)
    {
        appointment["priority"] = 2;
        return appointment;
    }

    private static JsonObject Concept(string system, string code) => new()
    {
        ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }),
    };

    private static JsonObject GeolocationOf(double latitude, double longitude) => new()
    {
        ["url"] = Geolocation,
        ["extension"] = new JsonArray(
            new JsonObject { ["url"] = "latitude", ["valueDecimal"] = latitude },
            new JsonObject { ["url"] = "longitude", ["valueDecimal"] = longitude }),
    };
}
