namespace Reroute.Runtime.Tests.Grains;

/// <summary>Where a test workflow books its steps; a booking carries an idempotency key (workflow, step).</summary>
public interface IBookingProbeGrain : IGrainWithStringKey
{
    /// <summary>Books <paramref name="step"/> unless it is booked already; counts every attempt.</summary>
    Task Book(int step);

    /// <summary>The booked steps, in booking order, and how many attempts were made.</summary>
    [ReadOnly]
    Task<BookingLedger> Ledger();
}
