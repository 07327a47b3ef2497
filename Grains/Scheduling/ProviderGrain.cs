using Microsoft.Extensions.Options;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>A provider: profile, unavailability, idempotent slot bookings and the index of the provider's appointments.</summary>
public sealed class ProviderGrain(
    [PersistentState("provider")] IPersistentState<ProviderState> state,
    IOptions<ScheduleIndexOptions> indexOptions) : Grain, IProviderGrain
{
    /// <inheritdoc />
    public Task<ProviderProfile?> Get() => Task.FromResult(View(state.State));

    /// <inheritdoc />
    public async Task<ProviderProfile> Upsert(ProviderProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = ProfileValidation.Validate(profile);
        errors.Require(profile.Id == SchedulingKeys.IdOf(GetPrimaryKeyString()), "id", "must be the provider id the request is for.");
        errors.ThrowIfAny("provider");

        await state.ReplaceAsync(state.State with { Profile = profile });
        await GrainFactory.GetGrain<IProviderDirectoryGrain>(SchedulingKeys.TenantOf(GetPrimaryKeyString()))
            .Register(new ProviderListing { ProviderId = profile.Id, ClinicId = profile.ClinicId, Discipline = profile.Discipline, Location = profile.Location });
        return View(state.State)!;
    }

    /// <inheritdoc />
    public async Task<ProviderProfile> AddUnavailability(UnavailabilityPeriod period)
    {
        var errors = new ValidationErrors();
        ProfileValidation.RequireUnavailability(errors, period, string.Empty);
        errors.ThrowIfAny("unavailability");
        var profile = RequireProfile();
        if (!profile.Unavailability.Contains(period))
        {
            await state.ReplaceAsync(state.State with { Profile = profile with { Unavailability = [.. profile.Unavailability, period] } });
        }

        return View(state.State)!;
    }

    /// <inheritdoc />
    public Task<SlotBooking> BookSlot(string bookingId, TimeRange slot) => Reserve(bookingId, slot, held: false);

    /// <inheritdoc />
    public Task<SlotBooking> HoldSlot(string bookingId, TimeRange slot) => Reserve(bookingId, slot, held: true);

    /// <inheritdoc />
    public async Task<SlotBooking> CommitSlot(string bookingId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bookingId);
        var existing = state.State.Bookings.FirstOrDefault(b => b.BookingId == bookingId)
            ?? throw new SlotBookingException($"Booking {bookingId} holds no slot of provider {SchedulingKeys.IdOf(GetPrimaryKeyString())}.");
        if (!existing.Held)
        {
            return existing;
        }

        // Last line of defence behind the offer's deadline: a late answer or a delayed repair must not book the past.
        // The hold stays as it was; whoever asked releases it (the workflow does when it finds the hold lost).
        var now = Time.GetUtcNow();
        if (existing.Slot.Start <= now)
        {
            throw new SlotBookingException($"Booking {bookingId} holds a slot of provider {SchedulingKeys.IdOf(GetPrimaryKeyString())} that has already started.");
        }

        var committed = existing with { Held = false, BookedAt = now };
        await state.ReplaceAsync(state.State with { Bookings = [.. state.State.Bookings.Select(b => b.BookingId == bookingId ? committed : b)] });
        return committed;
    }

    private async Task<SlotBooking> Reserve(string bookingId, TimeRange slot, bool held)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bookingId);
        ArgumentNullException.ThrowIfNull(slot);
        var profile = RequireProfile();
        var existing = state.State.Bookings.FirstOrDefault(b => b.BookingId == bookingId);
        if (existing is not null)
        {
            // A retry of the same booking gets the same answer; the same id for another slot is a caller's bug.
            if (existing.Slot != slot)
            {
                throw new SlotBookingException($"Booking {bookingId} already holds another slot of provider {profile.Id}.");
            }

            return held || !existing.Held
                ? existing
                : throw new SlotBookingException($"Booking {bookingId} is only a hold on provider {profile.Id}; commit it to book.");
        }

        if (!profile.BookableSlots.Contains(slot))
        {
            throw new SlotBookingException($"The slot is not a bookable slot of provider {profile.Id}.");
        }

        if (state.State.Bookings.Any(b => b.Slot == slot))
        {
            throw new SlotBookingException($"The slot of provider {profile.Id} is already booked.");
        }

        var calendar = new ProviderCalendar(View(state.State)!);
        if (calendar.UnavailableDuring(slot.Start, slot.End) is not null)
        {
            throw new SlotBookingException($"Provider {profile.Id} is unavailable during the slot.");
        }

        if (calendar.RemainingOn(ProviderCalendar.DayOf(slot.Start)) <= 0)
        {
            throw new SlotBookingException($"Provider {profile.Id} has no capacity left on that day.");
        }

        var booking = new SlotBooking { BookingId = bookingId, Slot = slot, Held = held, BookedAt = Time.GetUtcNow() };
        await state.ReplaceAsync(state.State with { Bookings = [.. state.State.Bookings, booking] });
        return booking;
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseSlot(string bookingId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bookingId);
        if (!state.State.Bookings.Any(b => b.BookingId == bookingId))
        {
            return false;
        }

        await state.ReplaceAsync(state.State with { Bookings = [.. state.State.Bookings.Where(b => b.BookingId != bookingId)] });
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SlotBooking>> GetBookings() => Task.FromResult(state.State.Bookings);

    /// <inheritdoc />
    public Task TrackAppointment(ScheduledAppointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return TrackAppointments([appointment]);
    }

    /// <inheritdoc />
    public async Task TrackAppointments(IReadOnlyList<ScheduledAppointment> appointments)
    {
        if (ScheduleIndex.With(state.State.Appointments, appointments, indexOptions.Value.MaxEntries, Time.GetUtcNow()) is { } next)
        {
            await state.ReplaceAsync(state.State with { Appointments = next });
        }
    }

    /// <inheritdoc />
    public async Task UntrackAppointment(string appointmentId)
    {
        if (ScheduleIndex.Without(state.State.Appointments, appointmentId) is { } next)
        {
            await state.ReplaceAsync(state.State with { Appointments = next });
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduledAppointment>> GetAppointments(DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult(ScheduleIndex.Overlapping(state.State.Appointments, from, to));

    private ProviderProfile RequireProfile() =>
        state.State.Profile ?? throw new KeyNotFoundException($"Provider {SchedulingKeys.IdOf(GetPrimaryKeyString())} does not exist.");

    // Booked slots leave the bookable list and join the booked times, whatever the last upsert said about them.
    private static ProviderProfile? View(ProviderState current)
    {
        if (current.Profile is not { } profile || current.Bookings.Count == 0)
        {
            return current.Profile;
        }

        var booked = current.Bookings.Select(static b => b.Slot).ToHashSet();
        return profile with
        {
            BookableSlots = [.. profile.BookableSlots.Where(s => !booked.Contains(s))],
            BookedTimes = [.. profile.BookedTimes.Concat(booked.Where(s => !profile.BookedTimes.Contains(s)))],
        };
    }
}
