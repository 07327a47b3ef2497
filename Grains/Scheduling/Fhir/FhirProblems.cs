namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>What is wrong with one resource, each problem naming the FHIR element (e.g. "Patient.address.state").</summary>
internal sealed class FhirProblems
{
    private readonly List<string> _problems = [];

    public bool IsEmpty => _problems.Count == 0;

    public IReadOnlyList<string> All => _problems;

    public void Add(string path, string message) => _problems.Add($"{path}: {message}");

    public void Require(bool condition, string path, string message)
    {
        if (!condition)
        {
            Add(path, message);
        }
    }

    /// <summary>The domain validator's failures, named after the record field they concern.</summary>
    public void AddAll(string record, ValidationErrors errors)
    {
        foreach (var (field, messages) in errors.ToDictionary())
        {
            foreach (var message in messages)
            {
                Add($"{record}.{field}", message);
            }
        }
    }
}
