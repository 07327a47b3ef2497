namespace Reroute.Benchmarks.Runtime;

public sealed class WriterGrain([PersistentState("writer")] IPersistentState<WriterState> state) : Grain, IWriterGrain
{
    public async Task Write(int value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }
}
