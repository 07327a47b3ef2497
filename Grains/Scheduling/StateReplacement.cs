namespace Reroute.Grains.Scheduling;

/// <summary>Replaces a grain's whole state and persists it, so that a refused or failed write leaves the old state in place.</summary>
public static class StateReplacement
{
    /// <summary>Sets <paramref name="next"/> as the state and writes it; on a failed write the previous state is put back.</summary>
    public static async Task ReplaceAsync<TState>(this IPersistentState<TState> state, TState next)
    {
        ArgumentNullException.ThrowIfNull(state);
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
