using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>A patient: preferences, coverage, plan of care, provider history (the long-term memory behind continuity).</summary>
public sealed class PatientGrain([PersistentState("patient")] IPersistentState<PatientState> state) : Grain, IPatientGrain
{
    /// <inheritdoc />
    public Task<PatientProfile?> Get() => Task.FromResult(state.State.Profile);

    /// <inheritdoc />
    public async Task<PatientProfile> Upsert(PatientProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = ProfileValidation.Validate(profile);
        errors.Require(profile.Id == SchedulingKeys.IdOf(GetPrimaryKeyString()), "id", "must be the patient id the request is for.");
        errors.ThrowIfAny("patient");
        await state.ReplaceAsync(new PatientState { Profile = profile });
        return profile;
    }
}
