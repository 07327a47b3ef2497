namespace Reroute.Runtime;

/// <summary>
/// The grain keeps no identity-bound state: the silo may run several local activations of one id in parallel.
/// </summary>
/// <param name="maxLocalWorkers">Most activations per id on one silo; 0 or less means the silo's configured default.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>Most activations per id on one silo; 0 or less means the silo's configured default.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers;
}
