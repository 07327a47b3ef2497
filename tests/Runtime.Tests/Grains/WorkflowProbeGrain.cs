namespace Reroute.Runtime.Tests.Grains;

public sealed class WorkflowProbeGrain(
    [PersistentState("workflow")] IPersistentState<WorkflowProbeState> state,
    IGrainFactory grains,
    TimeProvider time) : Grain, IWorkflowProbeGrain
{
    /// <summary>Each step takes a while, so that many workflows are mid-way when a silo is killed.</summary>
    private static readonly TimeSpan StepDuration = TimeSpan.FromMilliseconds(30);

    public async Task<int> Run(int steps)
    {
        var bookings = grains.GetGrain<IBookingProbeGrain>(GetPrimaryKeyString());
        while (state.State.NextStep < steps)
        {
            await Task.Delay(StepDuration, time);

            // Booked before progress is written: after a crash between the two the step is booked again, and the
            // booking's idempotency key keeps that from becoming a second booking.
            await bookings.Book(state.State.NextStep);
            state.State.NextStep++;
            await state.WriteStateAsync();
        }

        return state.State.NextStep;
    }
}
