using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>The vocabulary of a generated network: disciplines and their specialties, payers and their rules, languages.</summary>
internal static class NetworkCatalog
{
    public const string PhysicalTherapy = "PT";

    public const string OccupationalTherapy = "OT";

    public const string SpeechLanguagePathology = "SLP";

    public const string Medicare = "MEDICARE";

    public const string WorkersCompensation = "WORKCOMP";

    public const string Tricare = "TRICARE";

    public const string English = "en";

    /// <summary>
    /// Disciplines by a provider's position in their clinic: five PTs, two OTs and two SLPs in every nine, so each clinic
    /// of a dozen or more providers has colleagues of every discipline to hand patients to.
    /// </summary>
    public static readonly string[] DisciplineRotation =
    [
        PhysicalTherapy, OccupationalTherapy, SpeechLanguagePathology, PhysicalTherapy, PhysicalTherapy,
        OccupationalTherapy, PhysicalTherapy, SpeechLanguagePathology, PhysicalTherapy,
    ];

    public static readonly IReadOnlyDictionary<string, string[]> Specialties = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [PhysicalTherapy] = ["orthopedic", "sports", "neurologic", "geriatric", "pediatric", "vestibular", "pelvic-health", "cardiopulmonary"],
        [OccupationalTherapy] = ["hand-therapy", "pediatric", "neurologic", "geriatric", "low-vision"],
        [SpeechLanguagePathology] = ["dysphagia", "pediatric-language", "voice", "fluency", "aphasia", "cognitive-communication"],
    };

    /// <summary>Payers; Medicare first (nearly every provider takes it).</summary>
    public static readonly string[] Payers = [Medicare, "MEDICAID", "AETNA", "BCBS", "CIGNA", "UNITED", "HUMANA", Tricare, WorkersCompensation];

    /// <summary>Languages other than English that providers speak and patients ask for, with how often providers speak them.</summary>
    public static readonly (string Language, double Share)[] OtherLanguages =
        [("es", 0.15), ("zh", 0.03), ("vi", 0.02), ("ar", 0.02), ("ru", 0.02), ("ht", 0.02)];

    /// <summary>A rule per payer: workers' compensation pays for PT and OT only, in the network's states; TRICARE also out of network.</summary>
    public static IReadOnlyList<PayerRule> PayerRules(IReadOnlyList<string> networkStates)
    {
        string[] all = [PhysicalTherapy, OccupationalTherapy, SpeechLanguagePathology];
        return
        [
            .. Payers.Select(payer => payer switch
            {
                WorkersCompensation => new PayerRule
                {
                    PayerId = payer,
                    AcceptedDisciplines = [PhysicalTherapy, OccupationalTherapy],
                    AllowedStates = networkStates,
                },
                Tricare => new PayerRule { PayerId = payer, AcceptedDisciplines = all, RequiresInNetwork = false },
                _ => new PayerRule { PayerId = payer, AcceptedDisciplines = all },
            }),
        ];
    }

    /// <summary>Whether <paramref name="payer"/> pays for <paramref name="discipline"/> under <see cref="PayerRules"/>.</summary>
    public static bool Covers(string payer, string discipline) =>
        payer != WorkersCompensation || discipline != SpeechLanguagePathology;
}
