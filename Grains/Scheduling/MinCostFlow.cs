namespace Reroute.Grains.Scheduling;

/// <summary>
/// Min-cost max-flow by successive shortest paths: Dijkstra on reduced costs with Johnson potentials, one augmenting
/// path per search. Costs must be non-negative on input (the potentials then start at zero and stay valid), which the
/// assignment arranges by turning scores into "points short of the best score". The graph is stored as compressed
/// adjacency arrays because the search touches every arc of a visited node and arrays keep that cache-friendly.
/// </summary>
internal sealed class MinCostFlow(int nodeCount)
{
    private const long Unreached = long.MaxValue;

    private readonly List<(int From, int To, int Capacity, long Cost)> _edges = [];
    private int[] _first = [];
    private int[] _head = [];
    private int[] _residual = [];
    private long[] _cost = [];
    private int[] _reverse = [];
    private int[] _arcOfEdge = [];
    private readonly Dictionary<int, (int First, int Second)> _exitEdges = [];
    private int[] _exitFirst = [];
    private int[] _exitSecond = [];
    private bool[] _costsAscending = [];

    public int NodeCount { get; } = nodeCount;

    /// <summary>Adds an edge and returns its id, for <see cref="FlowOn"/>.</summary>
    public int AddEdge(int from, int to, int capacity, long cost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        _edges.Add((from, to, capacity, cost));
        return _edges.Count - 1;
    }

    /// <summary>
    /// Declares that <paramref name="node"/> reaches the sink through two edges (a slot through its provider-day). The
    /// search uses it only as an upper bound on the sink's distance, to skip arcs that cannot lead anywhere shorter.
    /// </summary>
    public void SetExitPath(int node, int firstEdge, int secondEdge) => _exitEdges[node] = (firstEdge, secondEdge);

    /// <summary>The flow on an edge after <see cref="Run"/>.</summary>
    public int FlowOn(int edge) => _edges[edge].Capacity - _residual[_arcOfEdge[edge]];

    /// <summary>Sends as much flow as possible from source to sink at the least total cost.</summary>
    public (int Flow, long Cost) Run(int source, int sink)
    {
        Build();
        var potential = new long[NodeCount];
        var distance = new long[NodeCount];
        var cameBy = new int[NodeCount];
        var settled = new bool[NodeCount];
        var queue = new MinHeap(NodeCount);
        var flow = 0;
        long totalCost = 0;
        while (true)
        {
            Array.Fill(distance, Unreached);
            Array.Clear(settled);
            queue.Clear();
            distance[source] = 0;
            queue.Push(0, source);

            // An upper bound on the sink's distance, from the first free exits seen; arcs whose distance would exceed
            // it cannot be on a shortest path, and where a node's arcs come in ascending cost the rest are skipped too.
            var bound = Unreached;
            var highestPotential = potential.Max();
            while (queue.TryPop(out var d, out var node))
            {
                if (settled[node])
                {
                    continue;
                }

                settled[node] = true;
                if (node == sink)
                {
                    // Everything nearer than the sink is settled; the rest is capped below, which keeps potentials valid.
                    break;
                }

                var basis = d + potential[node];
                var ascending = _costsAscending[node];
                for (var arc = _first[node]; arc < _first[node + 1]; arc++)
                {
                    if (_residual[arc] == 0)
                    {
                        continue;
                    }

                    if (ascending && bound != Unreached && basis - highestPotential + _cost[arc] > bound)
                    {
                        break;
                    }

                    var next = _head[arc];
                    var candidate = basis + _cost[arc] - potential[next];
                    if (candidate > bound || candidate >= distance[next])
                    {
                        continue;
                    }

                    distance[next] = candidate;
                    cameBy[next] = arc;
                    queue.Push(candidate, next);
                    var exit = _exitFirst[next];
                    if (exit >= 0 && _residual[exit] > 0 && _residual[_exitSecond[next]] > 0)
                    {
                        bound = Math.Min(bound, candidate + _cost[exit] + _cost[_exitSecond[next]] + potential[next] - potential[sink]);
                    }
                }
            }

            var toSink = distance[sink];
            if (toSink == Unreached)
            {
                return (flow, totalCost);
            }

            // h += min(d, d(sink)): reduced costs stay non-negative on every residual arc, and zero along the path.
            for (var node = 0; node < NodeCount; node++)
            {
                potential[node] += Math.Min(distance[node], toSink);
            }

            var push = int.MaxValue;
            for (var node = sink; node != source; node = _head[_reverse[cameBy[node]]])
            {
                push = Math.Min(push, _residual[cameBy[node]]);
            }

            for (var node = sink; node != source; node = _head[_reverse[cameBy[node]]])
            {
                var arc = cameBy[node];
                _residual[arc] -= push;
                _residual[_reverse[arc]] += push;
                totalCost += push * _cost[arc];
            }

            flow += push;
        }
    }

    private void Build()
    {
        var arcs = _edges.Count * 2;
        _first = new int[NodeCount + 1];
        foreach (var (from, to, _, _) in _edges)
        {
            _first[from + 1]++;
            _first[to + 1]++;
        }

        for (var node = 0; node < NodeCount; node++)
        {
            _first[node + 1] += _first[node];
        }

        var cursor = (int[])_first.Clone();
        _head = new int[arcs];
        _residual = new int[arcs];
        _cost = new long[arcs];
        _reverse = new int[arcs];
        _arcOfEdge = new int[_edges.Count];
        for (var edge = 0; edge < _edges.Count; edge++)
        {
            var (from, to, capacity, cost) = _edges[edge];
            var forward = cursor[from]++;
            var backward = cursor[to]++;
            _head[forward] = to;
            _residual[forward] = capacity;
            _cost[forward] = cost;
            _reverse[forward] = backward;
            _head[backward] = from;
            _residual[backward] = 0;
            _cost[backward] = -cost;
            _reverse[backward] = forward;
            _arcOfEdge[edge] = forward;
        }

        _exitFirst = new int[NodeCount];
        _exitSecond = new int[NodeCount];
        Array.Fill(_exitFirst, -1);
        foreach (var (node, (first, second)) in _exitEdges)
        {
            _exitFirst[node] = _arcOfEdge[first];
            _exitSecond[node] = _arcOfEdge[second];
        }

        _costsAscending = new bool[NodeCount];
        for (var node = 0; node < NodeCount; node++)
        {
            var ascending = true;
            for (var arc = _first[node] + 1; arc < _first[node + 1] && ascending; arc++)
            {
                ascending = _cost[arc - 1] <= _cost[arc];
            }

            _costsAscending[node] = ascending;
        }
    }

    /// <summary>A binary heap of (distance, node) with lazy deletion: stale entries are skipped when popped.</summary>
    private sealed class MinHeap(int capacity)
    {
        private long[] _keys = new long[Math.Max(4, capacity)];
        private int[] _nodes = new int[Math.Max(4, capacity)];
        private int _count;

        public void Clear() => _count = 0;

        public void Push(long key, int node)
        {
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, _count * 2);
                Array.Resize(ref _nodes, _count * 2);
            }

            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (_keys[parent] <= key)
                {
                    break;
                }

                _keys[i] = _keys[parent];
                _nodes[i] = _nodes[parent];
                i = parent;
            }

            _keys[i] = key;
            _nodes[i] = node;
        }

        public bool TryPop(out long key, out int node)
        {
            if (_count == 0)
            {
                key = 0;
                node = 0;
                return false;
            }

            key = _keys[0];
            node = _nodes[0];
            var lastKey = _keys[--_count];
            var lastNode = _nodes[_count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && _keys[child + 1] < _keys[child])
                {
                    child++;
                }

                if (_keys[child] >= lastKey)
                {
                    break;
                }

                _keys[i] = _keys[child];
                _nodes[i] = _nodes[child];
                i = child;
            }

            _keys[i] = lastKey;
            _nodes[i] = lastNode;
            return true;
        }
    }
}
