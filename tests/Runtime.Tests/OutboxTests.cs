using Reroute.Runtime.Cluster;

namespace Reroute.Runtime.Tests;

/// <summary>The transport's outbox: what goes out at once, what gathers, and how gathered items are cut into messages.</summary>
public sealed class OutboxTests
{
    private sealed record Item(string Queue, int Size, string Name);

    private sealed class Broker
    {
        public List<(string Queue, string[] Items)> Messages { get; } = [];

        public List<TaskCompletionSource> Confirms { get; } = [];

        public Task Send(string queue, List<Item> items)
        {
            var confirm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Messages)
            {
                Messages.Add((queue, [.. items.Select(static i => i.Name)]));
                Confirms.Add(confirm);
            }

            return confirm.Task;
        }

        public void Confirm(int message)
        {
            lock (Messages)
            {
                Confirms[message].TrySetResult();
            }
        }

        public void ConfirmAll()
        {
            lock (Messages)
            {
                foreach (var confirm in Confirms)
                {
                    confirm.TrySetResult();
                }
            }
        }
    }

    [Fact]
    public async Task An_idle_outbox_sends_at_once_and_what_comes_while_its_rounds_are_out_goes_together_per_queue_in_the_next()
    {
        var broker = new Broker();
        var outbox = new Outbox<Item>(static i => i.Queue, static i => i.Size, broker.Send, static e => throw e, roundsInFlight: 1, gatherFromItemsInFlight: 0, maxItemsPerMessage: 100, maxBytesPerMessage: 1_000);

        outbox.Add(new Item("p1", 10, "a"));
        outbox.Add(new Item("p1", 10, "b"));
        outbox.Add(new Item("p2", 10, "c"));
        outbox.Add(new Item("p1", 10, "d"));

        Assert.Equal([("p1", ["a"])], broker.Messages.Select(static m => (m.Queue, m.Items)).ToList(), MessageComparer.Instance);
        Assert.Equal(1, outbox.Messages);

        broker.ConfirmAll();
        await Eventually(() => broker.Messages.Count == 3);
        Assert.Equal(
            [("p1", ["a"]), ("p1", ["b", "d"]), ("p2", ["c"])],
            broker.Messages.Select(static m => (m.Queue, m.Items)).ToList(),
            MessageComparer.Instance);
        Assert.Equal(3, outbox.Messages);
        Assert.Equal(4, outbox.Items);
    }

    [Fact]
    public async Task Below_the_gathering_line_items_go_at_once_in_solo_rounds_and_above_it_they_wait_only_for_a_gathered_round()
    {
        var broker = new Broker();
        var outbox = new Outbox<Item>(static i => i.Queue, static i => i.Size, broker.Send, static e => throw e, roundsInFlight: 1, gatherFromItemsInFlight: 4, maxItemsPerMessage: 100, maxBytesPerMessage: 1_000);

        // a takes the one gathered round; b and c go solo while fewer than four items are out; d to g must gather.
        foreach (var name in new[] { "a", "b", "c", "d", "e", "f", "g" })
        {
            outbox.Add(new Item("q", 1, name));
        }

        Assert.Equal(["a", "b", "c"], broker.Messages.Select(static m => string.Join(' ', m.Items)));

        // A solo round ending frees no gathered round, and two items out plus four waiting is above the line.
        broker.Confirm(1);
        await Eventually(() => outbox.RoundsInFlight == 2);
        Assert.Equal(3, broker.Messages.Count);

        // The gathered round ending lets d to g go together, though c is still out (and still above the line).
        broker.Confirm(0);
        await Eventually(() => broker.Messages.Count == 4);
        Assert.Equal(["a", "b", "c", "d e f g"], broker.Messages.Select(static m => string.Join(' ', m.Items)));
        Assert.Equal(2, outbox.RoundsInFlight);
        Assert.Equal(7, outbox.Items);
    }

    [Fact]
    public async Task Items_a_send_drops_from_its_list_still_leave_the_count_of_items_out_when_the_round_ends()
    {
        var confirm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outbox = new Outbox<Item>(
            static i => i.Queue,
            static i => i.Size,
            (_, items) =>
            {
                // As the transport does with calls that completed (timed out) before their publish.
                items.Clear();
                return confirm.Task;
            },
            static e => throw e,
            roundsInFlight: 1,
            gatherFromItemsInFlight: 3,
            maxItemsPerMessage: 10,
            maxBytesPerMessage: 1_000);

        outbox.Add(new Item("q", 1, "a"));
        outbox.Add(new Item("q", 1, "b"));
        Assert.Equal(2, outbox.ItemsInFlight);

        confirm.SetResult();
        await Eventually(() => outbox.RoundsInFlight == 0);
        Assert.Equal(0, outbox.ItemsInFlight);
    }

    [Fact]
    public async Task Gathered_items_are_cut_into_messages_by_count_and_bytes_and_an_oversized_item_goes_alone()
    {
        var broker = new Broker();
        var outbox = new Outbox<Item>(static i => i.Queue, static i => i.Size, broker.Send, static e => throw e, roundsInFlight: 1, gatherFromItemsInFlight: 0, maxItemsPerMessage: 3, maxBytesPerMessage: 100);
        outbox.Add(new Item("q", 1, "first"));
        foreach (var (name, size) in new[] { ("a", 10), ("b", 10), ("c", 10), ("d", 10), ("big", 500), ("e", 60), ("f", 50) })
        {
            outbox.Add(new Item("q", size, name));
        }

        broker.ConfirmAll();
        await Eventually(() => broker.Messages.Count == 6);
        Assert.Equal(
            new[] { "first", "a b c", "d", "big", "e", "f" },
            broker.Messages.Select(static m => string.Join(' ', m.Items)));
    }

    [Fact]
    public async Task A_round_whose_send_throws_does_not_stop_the_rounds_after_it()
    {
        var faults = new List<Exception>();
        var sent = new List<string>();
        var outbox = new Outbox<Item>(
            static i => i.Queue,
            static i => i.Size,
            (_, items) =>
            {
                lock (sent)
                {
                    sent.AddRange(items.Select(static i => i.Name));
                }

                return items[0].Name == "bad" ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask;
            },
            e => faults.Add(e),
            roundsInFlight: 1,
            gatherFromItemsInFlight: 0,
            maxItemsPerMessage: 10,
            maxBytesPerMessage: 1_000);

        outbox.Add(new Item("q", 1, "bad"));
        outbox.Add(new Item("q", 1, "good"));

        await Eventually(() => sent.Count == 2);
        Assert.Equal(["bad", "good"], sent);
        Assert.Equal("boom", Assert.Single(faults).Message);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Yield();
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class MessageComparer : IEqualityComparer<(string Queue, string[] Items)>
    {
        public static MessageComparer Instance { get; } = new();

        public bool Equals((string Queue, string[] Items) x, (string Queue, string[] Items) y) => x.Queue == y.Queue && x.Items.SequenceEqual(y.Items);

        public int GetHashCode((string Queue, string[] Items) obj) => obj.Queue.GetHashCode(StringComparison.Ordinal);
    }
}
