using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Runtime.Core;
using Reroute.Runtime.Hosting;

namespace Reroute.Runtime.Timers;

/// <summary>
/// Fires durable reminders. The table is the truth: a reminder is written before its registration returns, and its
/// next due time is written after each tick has been delivered — so a tick that was due while the silo was down, or
/// that was in flight when it crashed, fires once when the silo is back.
/// </summary>
internal sealed partial class ReminderService : IDisposable
{
    private readonly IReminderTable _table;
    private readonly GrainRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly RuntimeOptions _options;
    private readonly ILogger<ReminderService> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId, string), ReminderEntry> _entries = [];
    private readonly HashSet<(GrainId, string)> _inFlight = [];

    // Entries by due time, so finding the next one costs a peek, not a scan of every reminder (a busy silo holds one per
    // open offer: tens of thousands). Entries replaced, removed or in flight are dropped when they come up.
    private readonly PriorityQueue<ReminderEntry, DateTimeOffset> _due = new();

    // One table write at a time: a tick's "next due" update must never land after an unregister or re-register
    // of the same reminder and bring the old one back.
    // Writes of one reminder stay in order (a register, its ticks and its removal), while writes of different reminders
    // run concurrently so the store can commit them together: one global queue made every registration wait for the
    // commits of all the others.
    private const int WriteStripes = 64;
    private readonly SemaphoreSlim[] _tableWrites = [.. Enumerable.Range(0, WriteStripes).Select(static _ => new SemaphoreSlim(1, 1))];
    private ITimer? _timer;
    private bool _stopped;

    public ReminderService(IReminderTable table, GrainRuntime runtime, TimeProvider time, IOptions<RuntimeOptions> options, ILogger<ReminderService> logger)
    {
        _table = table;
        _runtime = runtime;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var entries = await _table.ReadAllAsync(cancellationToken);
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                _entries[(entry.GrainId, entry.ReminderName)] = entry;
                _due.Enqueue(entry, entry.NextDue);
            }

            _timer = _time.CreateTimer(static state => ((ReminderService)state!).FireDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        LogLoaded(entries.Count);
        FireDue();
    }

    /// <summary>
    /// Reads the table again after this silo gained partitions: their reminders were written (and their due times
    /// moved on) by the previous owner, so the table, not this silo's memory, is the truth.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var entries = await _table.ReadAllAsync(cancellationToken);
        lock (_lock)
        {
            var stored = entries.ToDictionary(static e => (e.GrainId, e.ReminderName));
            foreach (var key in _entries.Keys.Where(k => !stored.ContainsKey(k) && !_inFlight.Contains(k)).ToList())
            {
                _entries.Remove(key);
            }

            foreach (var (key, entry) in stored)
            {
                // A tick of this silo whose "next due" write has not landed yet must not be fired again from the table.
                var newerHere = _entries.TryGetValue(key, out var current)
                    && current.StartAt == entry.StartAt && current.Period == entry.Period && current.NextDue > entry.NextDue;
                if (!_inFlight.Contains(key) && !newerHere)
                {
                    _entries[key] = entry;
                }
            }

            // Every reminder goes back in the queue: those of the partitions just gained were dropped while another silo
            // owned them (duplicates of the rest are skipped when they come up).
            foreach (var entry in _entries.Values)
            {
                _due.Enqueue(entry, entry.NextDue);
            }

            Arm();
        }

        FireDue();
    }

    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            _timer?.Dispose();
        }
    }

    public async Task<IGrainReminder> RegisterOrUpdate(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_runtime.Classes.Get(grainId).IsRemindable)
        {
            throw new InvalidOperationException($"{_runtime.Classes.Get(grainId).ClassType.Name} registers reminder '{name}' but does not implement IRemindable.");
        }

        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder's due time cannot be negative.");
        }

        if (period < _options.ReminderMinimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder's period must be at least {_options.ReminderMinimumPeriod}.");
        }

        var start = _time.GetUtcNow() + dueTime;
        var entry = new ReminderEntry(grainId, name, start, period, start);
        var writes = WritesOf(grainId, name);
        await writes.WaitAsync();
        try
        {
            await _table.UpsertAsync(entry, CancellationToken.None);
            lock (_lock)
            {
                _entries[(grainId, name)] = entry;
                _due.Enqueue(entry, entry.NextDue);
                Arm();
            }
        }
        finally
        {
            writes.Release();
        }

        return entry;
    }

    public async Task Unregister(GrainId grainId, string name)
    {
        var writes = WritesOf(grainId, name);
        await writes.WaitAsync();
        try
        {
            await _table.RemoveAsync(grainId, name, CancellationToken.None);
            lock (_lock)
            {
                _entries.Remove((grainId, name));
                Arm();
            }
        }
        finally
        {
            writes.Release();
        }
    }

    public Task<IGrainReminder?> Get(GrainId grainId, string name)
    {
        lock (_lock)
        {
            return Task.FromResult<IGrainReminder?>(_entries.GetValueOrDefault((grainId, name)));
        }
    }

    public Task<IReadOnlyList<IGrainReminder>> List(GrainId grainId)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<IGrainReminder>>([.. _entries.Values.Where(e => e.GrainId == grainId)]);
        }
    }

    // The write gate is not disposed: a tick still finishing after shutdown may take it once more.
    public void Dispose() => Stop();

    private void FireDue()
    {
        List<ReminderEntry> due = [];
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            while (_due.TryPeek(out var entry, out var at) && at <= now)
            {
                _due.Dequeue();
                if (IsCurrent(entry) && FiresHere(entry.GrainId) && _inFlight.Add((entry.GrainId, entry.ReminderName)))
                {
                    due.Add(entry);
                }
            }

            Arm();
        }

        foreach (var entry in due)
        {
            _ = Deliver(entry, now);
        }
    }

    private async Task Deliver(ReminderEntry entry, DateTimeOffset now)
    {
        var key = (entry.GrainId, entry.ReminderName);
        var delivered = true;
        try
        {
            var status = new TickStatus(entry.StartAt, entry.Period, entry.NextDue);
            await _runtime.Deliver(entry.GrainId, new ReminderTickRequest(entry.GrainId.Type, entry.ReminderName, status));
        }
        catch (SiloUnavailableException)
        {
            // The silo is stopping and never ran the tick: leave it due, so it fires when a silo has it next.
            delivered = false;
        }
        catch (Exception exception)
        {
            LogTickFailed(exception, entry.GrainId.ToString(), entry.ReminderName);
        }

        var writes = WritesOf(entry.GrainId, entry.ReminderName);
        await writes.WaitAsync();
        try
        {
            ReminderEntry? updated = null;
            lock (_lock)
            {
                _inFlight.Remove(key);

                // Only if the reminder is still the one that ticked (not unregistered or replaced meanwhile).
                if (delivered && _entries.TryGetValue(key, out var current) && current == entry)
                {
                    // The next due time is the first period boundary after now: missed ticks collapse into this one.
                    var periods = Math.Max(1, (long)Math.Floor((now - entry.NextDue).Ticks / (double)entry.Period.Ticks) + 1);
                    updated = current with { NextDue = entry.NextDue + TimeSpan.FromTicks(entry.Period.Ticks * periods) };
                    _entries[key] = updated;
                    _due.Enqueue(updated, updated.NextDue);
                }
                else if (_entries.TryGetValue(key, out var still))
                {
                    // Not ticked (the silo is stopping), or replaced while in flight: whatever stands now is due again.
                    _due.Enqueue(still, still.NextDue);
                }

                Arm();
            }

            if (updated is not null)
            {
                await _table.UpsertAsync(updated, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            LogTickFailed(exception, entry.GrainId.ToString(), entry.ReminderName);
        }
        finally
        {
            writes.Release();
        }
    }

    // In cluster mode only the owner of a grain's partition fires its reminders; embedded, this silo fires them all.
    private bool FiresHere(GrainId grainId) => _runtime.Cluster is not { } cluster || cluster.Owns(grainId);

    private SemaphoreSlim WritesOf(GrainId grainId, string name) =>
        _tableWrites[(int)((uint)HashCode.Combine(grainId, name) % WriteStripes)];

    /// <summary>Sets the timer for the earliest due reminder. Call under the lock.</summary>
    private void Arm()
    {
        if (_timer is null || _stopped)
        {
            return;
        }

        // An entry in flight is queued again when its tick is done; one of a partition another silo owns comes back when
        // this silo gains the partition (ReloadAsync).
        while (_due.TryPeek(out var entry, out _)
            && (!IsCurrent(entry) || _inFlight.Contains((entry.GrainId, entry.ReminderName)) || !FiresHere(entry.GrainId)))
        {
            _due.Dequeue();
        }

        if (!_due.TryPeek(out _, out var earliest))
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = earliest - _time.GetUtcNow();
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }

    private bool IsCurrent(ReminderEntry entry) =>
        _entries.TryGetValue((entry.GrainId, entry.ReminderName), out var current) && ReferenceEquals(current, entry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} durable reminders")]
    private partial void LogLoaded(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed")]
    private partial void LogTickFailed(Exception exception, string grainId, string reminderName);
}
