namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// Made-up names from syllables, so generated records can never carry a real person's name (no PHI, even by accident
/// of a real name list).
/// </summary>
internal static class FakeNames
{
    private static readonly string[] Syllables =
    [
        "ka", "ren", "li", "mo", "sa", "dor", "vel", "ta", "ni", "ra", "bel", "ko", "mi", "sen", "al", "do", "ri", "va",
        "lo", "nen", "zu", "pe", "ro", "len", "ha", "qui", "mar", "tes", "no", "fen", "gri", "so", "ul", "be", "thi", "an",
    ];

    private static readonly string[] ClinicKinds = ["Rehab Center", "Therapy Clinic", "Physical Therapy", "Therapy Partners"];

    /// <summary>A given name and a family name.</summary>
    public static string Person(Random random) => $"{Word(random, 2)} {Word(random, 2 + random.Next(2))}";

    /// <summary>A clinic name.</summary>
    public static string Clinic(Random random) => $"{Word(random, 2)} {ClinicKinds[random.Next(ClinicKinds.Length)]}";

    private static string Word(Random random, int syllables)
    {
        var word = string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(word[0]) + word[1..];
    }
}
