using System.ComponentModel.DataAnnotations;

namespace Reroute.Runtime.Hosting;

/// <summary>The grain runtime (<c>Reroute:Runtime</c>). Every default of the runtime lives here.</summary>
public sealed class RuntimeOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reroute:Runtime";

    /// <summary>How long a call may take before the caller gets a <see cref="TimeoutException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often waiting calls are checked against their timeout.</summary>
    public TimeSpan TimeoutCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An activation idle this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for; also the precision of <see cref="CollectionAge"/>.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most local activations of one stateless worker id, unless the grain class says otherwise.</summary>
    public int StatelessWorkerMaxActivations { get; set; } = Environment.ProcessorCount;

    /// <summary>Longest wait for <c>OnActivateAsync</c> (passed to it as a cancellation token).</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for <c>OnDeactivateAsync</c>.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On shutdown, how long running turns may take to finish before activations are dropped.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest reminder period accepted.</summary>
    public TimeSpan ReminderMinimumPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Problems with the values, each naming its member.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value, min, max) in new[]
        {
            (nameof(CallTimeout), CallTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)),
            (nameof(TimeoutCheckInterval), TimeoutCheckInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1)),
            (nameof(CollectionAge), CollectionAge, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30)),
            (nameof(CollectionQuantum), CollectionQuantum, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            (nameof(ActivationTimeout), ActivationTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)),
            (nameof(DeactivationTimeout), DeactivationTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)),
            (nameof(ShutdownDrainTimeout), ShutdownDrainTimeout, TimeSpan.Zero, TimeSpan.FromHours(1)),
            (nameof(ReminderMinimumPeriod), ReminderMinimumPeriod, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1)),
        })
        {
            if (value < min || value > max)
            {
                yield return new ValidationResult($"must be between {min} and {max} (was {value}).", [name]);
            }
        }

        if (CollectionQuantum > CollectionAge)
        {
            yield return new ValidationResult($"({CollectionQuantum}) must not exceed CollectionAge ({CollectionAge}).", [nameof(CollectionQuantum)]);
        }

        if (StatelessWorkerMaxActivations is < 1 or > 1024)
        {
            yield return new ValidationResult($"must be between 1 and 1024 (was {StatelessWorkerMaxActivations}).", [nameof(StatelessWorkerMaxActivations)]);
        }
    }
}
