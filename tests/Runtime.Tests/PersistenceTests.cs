using Microsoft.Extensions.DependencyInjection;
using Reroute.Runtime.Persistence;
using Reroute.Runtime.Testing;
using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

public sealed class PersistenceTests
{
    private static readonly string StatefulType = typeof(IStatefulGrain).FullName!;

    [Fact]
    public async Task State_written_survives_a_silo_restart_on_the_same_sqlite_file()
    {
        var options = Silos.Options("Sqlite");
        var key = Silos.Key();
        await using (var silo = await TestSilo.StartAsync(options))
        {
            await silo.GrainFactory.GetGrain<IStatefulGrain>(key).Set("plan of care: 12 visits", write: true);
        }

        Assert.True(File.Exists(Path.Combine(options.DataDirectory!, "reroute.db")));
        await using var restarted = await TestSilo.StartAsync(options);
        Assert.Equal("plan of care: 12 visits", await restarted.GrainFactory.GetGrain<IStatefulGrain>(key).Get());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Memory")]
    public async Task A_write_with_a_stale_etag_throws_and_leaves_the_stored_state_unchanged(string provider)
    {
        await using var silo = await Silos.Start(provider);
        var storage = silo.Services.GetRequiredService<GrainStorageRegistry>().Get(provider);
        var grainId = new GrainId(StatefulType, Silos.Key());

        var first = await storage.WriteAsync(grainId, "profile", """{"value":"v1"}""", null, CancellationToken.None);
        var second = await storage.WriteAsync(grainId, "profile", """{"value":"v2"}""", first, CancellationToken.None);

        // A second activation still holding the first ETag tries to write: refused.
        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grainId, "profile", """{"value":"stale"}""", first, CancellationToken.None));
        Assert.Equal(second, error.StoredEtag);
        Assert.Equal(first, error.CurrentEtag);

        // Creating a record that exists is refused too, and so is a clear with a stale ETag.
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grainId, "profile", """{"value":"new"}""", null, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(grainId, "profile", first, CancellationToken.None));

        var stored = await storage.ReadAsync(grainId, "profile", CancellationToken.None);
        Assert.Equal("""{"value":"v2"}""", stored!.Json);
        Assert.Equal(second, stored.Etag);
    }

    [Fact]
    public async Task A_grain_whose_state_was_changed_under_it_gets_InconsistentStateException()
    {
        await using var silo = await Silos.Start("Sqlite");
        var key = Silos.Key();
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(key);
        await grain.Set("mine", write: true);

        // Another writer (a racing activation elsewhere) moves the stored version on.
        var storage = silo.Services.GetRequiredService<GrainStorageRegistry>().Default;
        var grainId = new GrainId(StatefulType, key);
        var current = await storage.ReadAsync(grainId, "profile", CancellationToken.None);
        await storage.WriteAsync(grainId, "profile", """{"value":"theirs"}""", current!.Etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Set("mine again", write: true));
        var stored = await storage.ReadAsync(grainId, "profile", CancellationToken.None);
        Assert.Equal("""{"value":"theirs"}""", stored!.Json);
    }

    [Fact]
    public async Task Graceful_shutdown_lets_an_in_flight_turn_finish_and_persists_state_in_OnDeactivateAsync()
    {
        var options = Silos.Options("Sqlite");
        var key = Silos.Key();
        var silo = await TestSilo.StartAsync(options);
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(key);

        var inFlight = grain.SetAfterGate("set during shutdown");
        await Signals.Wait($"entered:{key}");
        var stopping = silo.StopAsync();

        // New calls from outside are refused while the silo drains.
        await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.GrainFactory.GetGrain<IStatefulGrain>(Silos.Key()).Get());
        Assert.False(stopping.IsCompleted);

        Signals.Set($"gate:{key}");
        await inFlight;
        await stopping;
        Assert.Equal(DeactivationReasonCode.ShuttingDown, await Signals.Wait($"deactivated:{key}"));

        await using var restarted = await TestSilo.StartAsync(options);
        Assert.Equal("set during shutdown", await restarted.GrainFactory.GetGrain<IStatefulGrain>(key).Get());
    }

    [Fact]
    public async Task A_corrupt_sqlite_file_stops_start_up_with_a_clear_error_and_is_left_untouched()
    {
        var options = Silos.Options("Sqlite");
        options.DataDirectory = Path.Combine(Path.GetTempPath(), "reroute-corrupt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(options.DataDirectory);
        var file = Path.Combine(options.DataDirectory, "reroute.db");
        var garbage = Enumerable.Range(0, 8192).Select(static i => (byte)(i * 31 % 251)).ToArray();
        await File.WriteAllBytesAsync(file, garbage);

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => TestSilo.StartAsync(options));

        Assert.Contains(file, error.Message);
        Assert.Contains("corrupt", error.Message);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task A_second_silo_on_the_same_data_folder_is_refused_while_the_first_runs()
    {
        var options = Silos.Options("Sqlite");
        await using var first = await TestSilo.StartAsync(options);
        var second = Silos.Options("Sqlite");
        second.DataDirectory = options.DataDirectory;

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => TestSilo.StartAsync(second));
        Assert.Contains("in use by another silo", error.Message);
    }

    [Fact]
    public async Task A_sqlite_file_locked_by_another_process_stops_start_up_naming_the_lock()
    {
        var options = Silos.Options("Sqlite");
        options.DataDirectory = Path.Combine(Path.GetTempPath(), "reroute-locked-" + Guid.NewGuid().ToString("N"));
        options.Configuration["Reroute:Storage:Sqlite:BusyTimeout"] = "00:00:00.200";
        Directory.CreateDirectory(options.DataDirectory);
        var file = Path.Combine(options.DataDirectory, "reroute.db");
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync();
        await using (var create = holder.CreateCommand())
        {
            create.CommandText = "CREATE TABLE other (x INTEGER); BEGIN EXCLUSIVE; INSERT INTO other VALUES (1);";
            await create.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => TestSilo.StartAsync(options));
        Assert.Contains("locked by another process", error.Message);
    }
}
