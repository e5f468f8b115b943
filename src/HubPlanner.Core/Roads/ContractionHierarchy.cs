using System.Diagnostics.CodeAnalysis;

namespace HubPlanner.Core.Roads;

/// <summary>Tuning of the contraction-hierarchy preprocessing.</summary>
/// <param name="WitnessSettleLimit">Nodes a witness search may settle while contracting (more: fewer shortcuts, slower).</param>
/// <param name="SimulationSettleLimit">Nodes a witness search may settle while estimating a node's priority.</param>
/// <param name="WitnessHopLimit">Arcs a witness path may have.</param>
/// <param name="SimulationHopLimit">Arcs a witness path may have while estimating a node's priority.</param>
/// <param name="EdgeDifferenceWeight">Weight of the edge difference (shortcuts added − arcs removed) in the priority.</param>
/// <param name="DeletedNeighboursWeight">Weight of the count of already contracted neighbours in the priority.</param>
/// <param name="MaxDegreeOfParallelism">Threads used (-1: all cores).</param>
public sealed record ContractionOptions(
    int WitnessSettleLimit = 400,
    int SimulationSettleLimit = 40,
    int WitnessHopLimit = 8,
    int SimulationHopLimit = 3,
    int EdgeDifferenceWeight = 2,
    int DeletedNeighboursWeight = 1,
    int MaxDegreeOfParallelism = -1)
{
    /// <summary>Throws if a limit is not positive.</summary>
    public void Validate()
    {
        if (WitnessSettleLimit < 1 || SimulationSettleLimit < 1 || WitnessHopLimit < 1 || SimulationHopLimit < 1)
        {
            throw new ArgumentException($"witness limits must be positive (settle {WitnessSettleLimit}, simulation {SimulationSettleLimit}, hops {WitnessHopLimit})");
        }

        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism must be -1 or positive, not {MaxDegreeOfParallelism}");
        }
    }
}

/// <summary>Progress of the contraction: nodes contracted so far out of all.</summary>
public readonly record struct ContractionProgress(int Contracted, int Total, long Shortcuts);

/// <summary>
/// A contraction hierarchy over a <see cref="CostGraph"/>: nodes are contracted in rounds of independent sets
/// (each a local minimum of edge difference + deleted neighbours), witness searches bounded by settled nodes and
/// hops decide which shortcuts are needed, and every shortcut remembers its middle node so paths can be unpacked.
/// Queries (point-to-point and bucket many-to-many) give exactly the costs of Dijkstra on the same graph.
/// </summary>
public sealed class ContractionHierarchy
{
    private readonly int _n;
    private readonly int[] _rank;
    private readonly int[] _upFirst;
    private readonly int[] _upHead;
    private readonly long[] _upWeight;
    private readonly int[] _upMid;
    private readonly int[] _downFirst;
    private readonly int[] _downTail;
    private readonly long[] _downWeight;
    private readonly int[] _downMid;
    private readonly SearchSpacePool _pool;

    private ContractionHierarchy(int n, int[] rank, Csr up, Csr down, long shortcuts)
    {
        _n = n;
        _rank = rank;
        (_upFirst, _upHead, _upWeight, _upMid) = (up.First, up.Node, up.Weight, up.Mid);
        (_downFirst, _downTail, _downWeight, _downMid) = (down.First, down.Node, down.Weight, down.Mid);
        ShortcutCount = shortcuts;
        _pool = new SearchSpacePool(n);
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _n;

    /// <summary>Shortcuts added by the contraction.</summary>
    public long ShortcutCount { get; }

    /// <summary>Arcs of the upward plus downward search graphs.</summary>
    public long SearchArcCount => _upHead.Length + (long)_downTail.Length;

    /// <summary>Contraction order of each node (0 = contracted first).</summary>
    public ReadOnlySpan<int> Rank => _rank;

    /// <summary>Managed memory held by the hierarchy's arrays, in bytes.</summary>
    public long MemoryBytes => ((long)_n * 4) + (2L * (_n + 1) * 4) + (SearchArcCount * (4 + 8 + 4));

    /// <summary>Contracts <paramref name="graph"/>.</summary>
    public static ContractionHierarchy Build(CostGraph graph, ContractionOptions? options = null,
        IProgress<ContractionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new ContractionOptions();
        options.Validate();
        return new Contractor(graph, options, progress, cancellationToken).Run();
    }

    /// <summary>
    /// Shortest packed costs from every source to every target (row-major), by bucket many-to-many: one backward
    /// upward search per target fills buckets, one forward upward search per source scans them.
    /// <see cref="RoadCost.Infinity"/> where no path exists.
    /// </summary>
    public long[] ComputeMatrix(IReadOnlyList<SearchSeed[]> sources, IReadOnlyList<SearchSeed[]> targets,
        int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        Check(sources, nameof(sources));
        Check(targets, nameof(targets));
        int rows = sources.Count, cols = targets.Count;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism };

        // Backward phase: per target, the settled (node, cost) pairs of its backward upward search.
        var spaces = new (int[] Nodes, long[] Costs)[cols];
        Parallel.For(0, cols, options, () => _pool.Rent(), (t, _, space) =>
        {
            var nodes = new List<int>(256);
            var costs = new List<long>(256);
            Search(space, targets[t], forward: false, nodes, costs);
            spaces[t] = (nodes.ToArray(), costs.ToArray());
            return space;
        }, _pool.Return);

        // Buckets: CSR by node of (target, cost).
        var bucketFirst = new int[_n + 1];
        long entries = 0;
        foreach (var (nodes, _) in spaces)
        {
            foreach (int v in nodes)
            {
                bucketFirst[v + 1]++;
            }

            entries += nodes.Length;
        }

        for (int v = 0; v < _n; v++)
        {
            bucketFirst[v + 1] += bucketFirst[v];
        }

        var bucketTarget = new int[entries];
        var bucketCost = new long[entries];
        var next = new int[_n];
        Array.Copy(bucketFirst, next, _n);
        for (int t = 0; t < cols; t++)
        {
            var (nodes, costs) = spaces[t];
            for (int i = 0; i < nodes.Length; i++)
            {
                int slot = next[nodes[i]]++;
                bucketTarget[slot] = t;
                bucketCost[slot] = costs[i];
            }
        }

        spaces = null!;
        var result = new long[(long)rows * cols];
        Array.Fill(result, RoadCost.Infinity);
        Parallel.For(0, rows, options, () => (_pool.Rent(), new List<int>(256), new List<long>(256)), (s, _, local) =>
        {
            var (space, nodes, costs) = local;
            nodes.Clear();
            costs.Clear();
            Search(space, sources[s], forward: true, nodes, costs);
            var row = result.AsSpan((int)((long)s * cols), cols);
            for (int i = 0; i < nodes.Count; i++)
            {
                int v = nodes[i];
                long d = costs[i];
                for (int b = bucketFirst[v]; b < bucketFirst[v + 1]; b++)
                {
                    long total = d + bucketCost[b];
                    int t = bucketTarget[b];
                    if (total < row[t])
                    {
                        row[t] = total;
                    }
                }
            }

            return local;
        }, local => _pool.Return(local.Item1));
        return result;
    }

    /// <summary>
    /// One shortest path between seed sets, as the node sequence of the original graph (shortcuts unpacked through
    /// their middle nodes) with the seeds used and the cost; null if there is none.
    /// </summary>
    public ChPath? ShortestPath(IReadOnlyList<SearchSeed> from, IReadOnlyList<SearchSeed> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var fwd = new SearchSpace(_n);
        var bwd = new SearchSpace(_n);
        var fNodes = new List<int>();
        var fCosts = new List<long>();
        var bNodes = new List<int>();
        var bCosts = new List<long>();
        Search(fwd, [.. from], forward: true, fNodes, fCosts, recordParents: true);
        Search(bwd, [.. to], forward: false, bNodes, bCosts, recordParents: true);
        long best = RoadCost.Infinity;
        int meet = -1;
        for (int i = 0; i < bNodes.Count; i++)
        {
            int v = bNodes[i];
            long df = fwd.Get(v);
            if (df != RoadCost.Infinity && df + bCosts[i] < best)
            {
                best = df + bCosts[i];
                meet = v;
            }
        }

        if (meet < 0)
        {
            return null;
        }

        // Walk parents: forward parents are up-arc indices (or -1 - seed), backward parents are down-arc indices.
        var upPart = new List<int>();
        int node = meet;
        while (fwd.Parent[node] >= 0)
        {
            int arc = fwd.Parent[node];
            upPart.Add(arc);
            node = UpTail(arc);
        }

        int fromSeed = -1 - fwd.Parent[node];
        upPart.Reverse();
        var path = new List<int> { node };
        foreach (int arc in upPart)
        {
            Unpack(UpTail(arc), _upHead[arc], _upWeight[arc], _upMid[arc], path);
        }

        node = meet;
        while (bwd.Parent[node] >= 0)
        {
            int arc = bwd.Parent[node];
            int head = DownHead(arc);
            Unpack(node, head, _downWeight[arc], _downMid[arc], path);
            node = head;
        }

        int toSeed = -1 - bwd.Parent[node];
        return new ChPath(fromSeed, toSeed, path, best);
    }

    private int UpTail(int arc)
    {
        // Binary search of the CSR offsets: arcs are rare on this path (route unpacking only).
        int lo = 0, hi = _n - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_upFirst[mid] <= arc)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        while (_upFirst[lo + 1] <= arc)
        {
            lo++;
        }

        return lo;
    }

    private int DownHead(int arc)
    {
        int lo = 0, hi = _n - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_downFirst[mid] <= arc)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        while (_downFirst[lo + 1] <= arc)
        {
            lo++;
        }

        return lo;
    }

    /// <summary>Appends the original nodes after <paramref name="a"/> up to <paramref name="b"/> of arc a→b.</summary>
    private void Unpack(int a, int b, long weight, int mid, List<int> path)
    {
        var stack = new Stack<(int A, int B, long W, int Mid)>();
        stack.Push((a, b, weight, mid));
        while (stack.Count > 0)
        {
            var (x, y, w, m) = stack.Pop();
            if (m < 0)
            {
                path.Add(y);
                continue;
            }

            // x→m is a downward arc stored at m (tail x); m→y is an upward arc stored at m.
            long w1 = -1;
            int mid1 = -1;
            for (int k = _downFirst[m]; k < _downFirst[m + 1]; k++)
            {
                if (_downTail[k] == x)
                {
                    w1 = _downWeight[k];
                    mid1 = _downMid[k];
                    break;
                }
            }

            long w2 = -1;
            int mid2 = -1;
            for (int k = _upFirst[m]; k < _upFirst[m + 1]; k++)
            {
                if (_upHead[k] == y)
                {
                    w2 = _upWeight[k];
                    mid2 = _upMid[k];
                    break;
                }
            }

            if (w1 < 0 || w2 < 0 || w1 + w2 != w)
            {
                throw new InvalidOperationException($"shortcut {x}->{y} via {m} cannot be unpacked: parts {w1} + {w2} != {w}");
            }

            stack.Push((m, y, w2, mid2));
            stack.Push((x, m, w1, mid1));
        }
    }

    private void Check(IReadOnlyList<SearchSeed[]> seeds, string name)
    {
        for (int i = 0; i < seeds.Count; i++)
        {
            foreach (var s in seeds[i])
            {
                if ((uint)s.Node >= (uint)_n)
                {
                    throw new ArgumentException($"{name}[{i}] has a seed at node {s.Node}, outside the graph", name);
                }
            }
        }
    }

    /// <summary>Full upward search (no target to stop at) with stall-on-demand; collects settled, unstalled nodes.</summary>
    private void Search(SearchSpace space, SearchSeed[] seeds, bool forward, List<int> nodes, List<long> costs, bool recordParents = false)
    {
        space.Next();
        var heap = space.Heap;
        for (int i = 0; i < seeds.Length; i++)
        {
            var seed = seeds[i];
            if (seed.Cost < space.Get(seed.Node))
            {
                space.Set(seed.Node, seed.Cost);
                space.Parent[seed.Node] = -1 - i;
                heap.Push(seed.Cost, seed.Node);
            }
        }

        var relaxFirst = forward ? _upFirst : _downFirst;
        var relaxNode = forward ? _upHead : _downTail;
        var relaxWeight = forward ? _upWeight : _downWeight;
        var stallFirst = forward ? _downFirst : _upFirst;
        var stallNode = forward ? _downTail : _upHead;
        var stallWeight = forward ? _downWeight : _upWeight;
        var settled = space.Aux;
        int stamp = space.Current;
        var dist = space.Dist;
        var marks = space.Stamp;
        while (heap.Count > 0)
        {
            int v = heap.Pop(out long d);
            if (d > dist[v] || settled[v] == stamp)
            {
                continue;
            }

            settled[v] = stamp;

            // Stall on demand: a higher node already reached offers a cheaper way in, so v's search space is not needed.
            bool stalled = false;
            for (int k = stallFirst[v]; k < stallFirst[v + 1]; k++)
            {
                int u = stallNode[k];
                if (marks[u] == stamp && dist[u] + stallWeight[k] < d)
                {
                    stalled = true;
                    break;
                }
            }

            if (stalled)
            {
                continue;
            }

            nodes.Add(v);
            costs.Add(d);
            for (int k = relaxFirst[v]; k < relaxFirst[v + 1]; k++)
            {
                int w = relaxNode[k];
                long nd = d + relaxWeight[k];
                if (marks[w] != stamp || nd < dist[w])
                {
                    marks[w] = stamp;
                    dist[w] = nd;
                    if (recordParents)
                    {
                        space.Parent[w] = k;
                    }

                    heap.Push(nd, w);
                }
            }
        }
    }

    private readonly record struct Csr(int[] First, int[] Node, long[] Weight, int[] Mid);

    private struct DArc
    {
        public int Node;
        public int Mid;
        public long Weight;
    }

    private readonly record struct Shortcut(int From, int To, long Weight, int Mid);

    /// <summary>The mutable contraction state; lives only during <see cref="Build"/>.</summary>
    private sealed class Contractor
    {
        private readonly int _n;
        private readonly ContractionOptions _options;
        private readonly IProgress<ContractionProgress>? _progress;
        private readonly CancellationToken _ct;
        private readonly DArc[][] _out;
        private readonly DArc[][] _in;
        private readonly int[] _outCount;
        private readonly int[] _inCount;
        private readonly int[] _priority;
        private readonly int[] _deleted;
        private readonly int[] _rank;
        private readonly bool[] _contracted;
        private readonly bool[] _inSet;
        private readonly DArc[][] _upArcs;
        private readonly DArc[][] _downArcs;
        private readonly SearchSpacePool _pool;
        private readonly ParallelOptions _parallel;

        public Contractor(CostGraph g, ContractionOptions options, IProgress<ContractionProgress>? progress, CancellationToken ct)
        {
            _n = g.NodeCount;
            _options = options;
            _progress = progress;
            _ct = ct;
            _out = new DArc[_n][];
            _in = new DArc[_n][];
            _outCount = new int[_n];
            _inCount = new int[_n];
            _priority = new int[_n];
            _deleted = new int[_n];
            _rank = new int[_n];
            _contracted = new bool[_n];
            _inSet = new bool[_n];
            _upArcs = new DArc[_n][];
            _downArcs = new DArc[_n][];
            _pool = new SearchSpacePool(_n);
            _parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };

            var inDegree = new int[_n];
            for (int a = 0; a < g.ArcCount; a++)
            {
                inDegree[g.Head[a]]++;
            }

            for (int v = 0; v < _n; v++)
            {
                _out[v] = new DArc[Math.Max(2, g.FirstOut[v + 1] - g.FirstOut[v])];
                _in[v] = new DArc[Math.Max(2, inDegree[v])];
            }

            for (int v = 0; v < _n; v++)
            {
                for (int a = g.FirstOut[v]; a < g.FirstOut[v + 1]; a++)
                {
                    int w = g.Head[a];
                    if (w != v)
                    {
                        AddOrImprove(v, w, g.Weight[a], -1);
                    }
                }
            }
        }

        public ContractionHierarchy Run()
        {
            var alive = new List<int>(_n);
            for (int v = 0; v < _n; v++)
            {
                alive.Add(v);
            }

            Parallel.For(0, _n, _parallel, () => _pool.Rent(), (v, _, space) =>
            {
                _priority[v] = Priority(v, space);
                return space;
            }, _pool.Return);

            int nextRank = 0;
            long shortcuts = 0;
            var selected = new List<int>();
            var touched = new List<int>();
            var touchedMark = new bool[_n];
            while (alive.Count > 0)
            {
                _ct.ThrowIfCancellationRequested();
                selected.Clear();
                foreach (int v in alive)
                {
                    if (IsLocalMinimum(v))
                    {
                        selected.Add(v);
                    }
                }

                foreach (int v in selected)
                {
                    _inSet[v] = true;
                }

                var found = new List<Shortcut>[selected.Count];
                Parallel.For(0, selected.Count, _parallel, () => _pool.Rent(), (i, _, space) =>
                {
                    var list = new List<Shortcut>();
                    ContractSimulated(selected[i], space, _options.WitnessSettleLimit, _options.WitnessHopLimit, list, avoidSet: true);
                    found[i] = list;
                    return space;
                }, _pool.Return);

                touched.Clear();
                for (int i = 0; i < selected.Count; i++)
                {
                    int v = selected[i];
                    _rank[v] = nextRank++;
                    _contracted[v] = true;
                    _upArcs[v] = _out[v].AsSpan(0, _outCount[v]).ToArray();
                    _downArcs[v] = _in[v].AsSpan(0, _inCount[v]).ToArray();
                    foreach (var arc in _upArcs[v])
                    {
                        Remove(_in, _inCount, arc.Node, v);
                        Touch(arc.Node, touched, touchedMark);
                    }

                    foreach (var arc in _downArcs[v])
                    {
                        Remove(_out, _outCount, arc.Node, v);
                        Touch(arc.Node, touched, touchedMark);
                    }

                    _out[v] = [];
                    _in[v] = [];
                    _outCount[v] = 0;
                    _inCount[v] = 0;
                }

                for (int i = 0; i < selected.Count; i++)
                {
                    foreach (var s in found[i])
                    {
                        if (AddOrImprove(s.From, s.To, s.Weight, s.Mid))
                        {
                            shortcuts++;
                        }
                    }

                    _inSet[selected[i]] = false;
                }

                foreach (int v in touched)
                {
                    _deleted[v]++;
                    touchedMark[v] = false;
                }

                Parallel.For(0, touched.Count, _parallel, () => _pool.Rent(), (i, _, space) =>
                {
                    int v = touched[i];
                    _priority[v] = Priority(v, space);
                    return space;
                }, _pool.Return);

                alive.RemoveAll(v => _contracted[v]);
                _progress?.Report(new ContractionProgress(nextRank, _n, shortcuts));
            }

            return new ContractionHierarchy(_n, _rank, ToCsr(_upArcs), ToCsr(_downArcs), shortcuts);
        }

        private static void Touch(int v, List<int> touched, bool[] mark)
        {
            if (!mark[v])
            {
                mark[v] = true;
                touched.Add(v);
            }
        }

        private Csr ToCsr(DArc[][] arcs)
        {
            var first = new int[_n + 1];
            for (int v = 0; v < _n; v++)
            {
                first[v + 1] = first[v] + arcs[v].Length;
            }

            int m = first[_n];
            var node = new int[m];
            var weight = new long[m];
            var mid = new int[m];
            for (int v = 0; v < _n; v++)
            {
                int k = first[v];
                foreach (var a in arcs[v])
                {
                    node[k] = a.Node;
                    weight[k] = a.Weight;
                    mid[k] = a.Mid;
                    k++;
                }
            }

            return new Csr(first, node, weight, mid);
        }

        /// <summary>A node is contracted this round if its priority is below every neighbour's (ties by a hash of the id).</summary>
        private bool IsLocalMinimum(int v)
        {
            long key = Key(v);
            for (int i = 0; i < _outCount[v]; i++)
            {
                if (Key(_out[v][i].Node) <= key)
                {
                    return false;
                }
            }

            for (int i = 0; i < _inCount[v]; i++)
            {
                if (Key(_in[v][i].Node) <= key)
                {
                    return false;
                }
            }

            return true;
        }

        private long Key(int v)
        {
            uint h = (uint)v * 0x9E3779B1u;
            h ^= h >> 15;
            return ((long)_priority[v] << 32) | h;
        }

        private int Priority(int v, SearchSpace space)
        {
            int added = ContractSimulated(v, space, _options.SimulationSettleLimit, _options.SimulationHopLimit, null, avoidSet: false);
            int edgeDifference = added - _outCount[v] - _inCount[v];
            return (_options.EdgeDifferenceWeight * edgeDifference) + (_options.DeletedNeighboursWeight * _deleted[v]);
        }

        /// <summary>Counts (and optionally lists) the shortcuts that contracting v needs now.</summary>
        private int ContractSimulated(int v, SearchSpace space, int settleLimit, int hopLimit, List<Shortcut>? output, bool avoidSet)
        {
            int count = 0;
            var outs = _out[v];
            int outN = _outCount[v];
            if (outN == 0)
            {
                return 0;
            }

            long maxOut = 0;
            for (int j = 0; j < outN; j++)
            {
                maxOut = Math.Max(maxOut, outs[j].Weight);
            }

            var ins = _in[v];
            for (int i = 0; i < _inCount[v]; i++)
            {
                int u = ins[i].Node;
                long w1 = ins[i].Weight;
                int targets = 0;
                space.Next();
                int stamp = space.Current;
                for (int j = 0; j < outN; j++)
                {
                    if (outs[j].Node != u && space.Parent[outs[j].Node] != stamp)
                    {
                        space.Parent[outs[j].Node] = stamp;
                        targets++;
                    }
                }

                if (targets == 0)
                {
                    continue;
                }

                WitnessSearch(space, u, v, w1 + maxOut, settleLimit, hopLimit, targets, avoidSet);
                for (int j = 0; j < outN; j++)
                {
                    int x = outs[j].Node;
                    if (x == u)
                    {
                        continue;
                    }

                    long via = w1 + outs[j].Weight;
                    if (space.Get(x) > via)
                    {
                        count++;
                        output?.Add(new Shortcut(u, x, via, v));
                    }
                }
            }

            return count;
        }

        /// <summary>Dijkstra from u avoiding v (and, while contracting, every node of the current set), bounded by cost,
        /// settled nodes and hops; stops once all marked targets are settled.</summary>
        private void WitnessSearch(SearchSpace space, int u, int v, long maxCost, int settleLimit, int hopLimit, int targets, bool avoidSet)
        {
            var heap = space.Heap;
            var hops = space.Aux;
            int stamp = space.Current;
            var targetMark = space.Parent;
            space.Set(u, 0);
            hops[u] = 0;
            heap.Push(0, u);
            int settled = 0;
            while (heap.Count > 0)
            {
                int n = heap.Pop(out long d);
                if (d > space.Dist[n])
                {
                    continue;
                }

                if (d > maxCost || ++settled > settleLimit)
                {
                    break;
                }

                if (targetMark[n] == stamp)
                {
                    targetMark[n] = 0;
                    if (--targets == 0)
                    {
                        break;
                    }
                }

                if (hops[n] >= hopLimit)
                {
                    continue;
                }

                var arcs = _out[n];
                int count = _outCount[n];
                for (int k = 0; k < count; k++)
                {
                    int m = arcs[k].Node;
                    if (m == v || (avoidSet && _inSet[m]))
                    {
                        continue;
                    }

                    long nd = d + arcs[k].Weight;
                    if (nd <= maxCost && nd < space.Get(m))
                    {
                        space.Set(m, nd);
                        hops[m] = hops[n] + 1;
                        heap.Push(nd, m);
                    }
                }
            }

            // Targets not settled keep their (upper-bound) tentative cost: a witness only counts if it is a real path.
        }

        /// <summary>Adds arc from→to or lowers its cost; true if a new arc was created.</summary>
        private bool AddOrImprove(int from, int to, long weight, int mid)
        {
            bool added = Upsert(ref _out[from], ref _outCount[from], to, weight, mid);
            Upsert(ref _in[to], ref _inCount[to], from, weight, mid);
            return added;
        }

        private static bool Upsert(ref DArc[] arcs, ref int count, int node, long weight, int mid)
        {
            for (int i = 0; i < count; i++)
            {
                if (arcs[i].Node == node)
                {
                    if (weight < arcs[i].Weight)
                    {
                        arcs[i].Weight = weight;
                        arcs[i].Mid = mid;
                    }

                    return false;
                }
            }

            if (count == arcs.Length)
            {
                Array.Resize(ref arcs, Math.Max(2, arcs.Length * 2));
            }

            arcs[count++] = new DArc { Node = node, Mid = mid, Weight = weight };
            return true;
        }

        private static void Remove(DArc[][] lists, int[] counts, int owner, int node)
        {
            var arcs = lists[owner];
            int count = counts[owner];
            for (int i = 0; i < count; i++)
            {
                if (arcs[i].Node == node)
                {
                    arcs[i] = arcs[count - 1];
                    counts[owner] = count - 1;
                    return;
                }
            }
        }
    }
}

/// <summary>A path from a contraction hierarchy, unpacked to original nodes.</summary>
/// <param name="FromSeed">Index of the start seed used.</param>
/// <param name="ToSeed">Index of the end seed used.</param>
/// <param name="Nodes">Original graph nodes from the start seed's node to the end seed's node.</param>
/// <param name="Cost">Total packed cost, seeds included.</param>
public sealed record ChPath(int FromSeed, int ToSeed, IReadOnlyList<int> Nodes, long Cost);
