namespace Reroute.Runtime.Tests.Grains;

public sealed class BookingProbeGrain([PersistentState("bookings")] IPersistentState<BookingProbeState> state) : Grain, IBookingProbeGrain
{
    public async Task Book(int step)
    {
        state.State.Attempts++;
        if (!state.State.Booked.Contains(step))
        {
            state.State.Booked.Add(step);
        }

        await state.WriteStateAsync();
    }

    public Task<BookingLedger> Ledger() => Task.FromResult(new BookingLedger([.. state.State.Booked], state.State.Attempts));
}
