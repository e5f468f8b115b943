namespace HubPlanner.Core.Roads;

/// <summary>
/// A binary min-heap of (cost, node) with lazy deletion: a node may be pushed again with a smaller cost and the
/// stale entry is skipped by the caller (it compares with its own distance array). Reused across searches.
/// </summary>
internal sealed class MinHeap
{
    private long[] _keys = new long[256];
    private int[] _nodes = new int[256];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Push(long key, int node)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }

        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
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

    public long PeekKey => _keys[0];

    public int Pop(out long key)
    {
        key = _keys[0];
        int result = _nodes[0];
        int n = --Count;
        if (n > 0)
        {
            long lastKey = _keys[n];
            int lastNode = _nodes[n];
            int i = 0;
            while (true)
            {
                int child = (2 * i) + 1;
                if (child >= n)
                {
                    break;
                }

                if (child + 1 < n && _keys[child + 1] < _keys[child])
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
        }

        return result;
    }
}

/// <summary>Per-thread search state: distances valid only where the stamp equals the current search's stamp,
/// so a search costs nothing to reset.</summary>
internal sealed class SearchSpace
{
    public SearchSpace(int nodeCount)
    {
        Dist = new long[nodeCount];
        Stamp = new int[nodeCount];
        Parent = new int[nodeCount];
        Aux = new int[nodeCount];
    }

    public long[] Dist { get; }

    public int[] Stamp { get; }

    /// <summary>Parent arc (or node) per node; meaningful only where stamped.</summary>
    public int[] Parent { get; }

    /// <summary>Free per-node slot for the search (hop counts, settled flags).</summary>
    public int[] Aux { get; }

    public MinHeap Heap { get; } = new();

    public int Current { get; private set; }

    public void Next()
    {
        Heap.Clear();
        if (++Current == int.MaxValue)
        {
            Array.Clear(Stamp);
            Current = 1;
        }
    }

    public long Get(int v) => Stamp[v] == Current ? Dist[v] : RoadCost.Infinity;

    public bool Reached(int v) => Stamp[v] == Current;

    public void Set(int v, long d)
    {
        Stamp[v] = Current;
        Dist[v] = d;
    }
}

/// <summary>A pool of search spaces, one per concurrently running search, so parallel loops never allocate per item.</summary>
internal sealed class SearchSpacePool(int nodeCount)
{
    private readonly System.Collections.Concurrent.ConcurrentBag<SearchSpace> _bag = [];

    public SearchSpace Rent() => _bag.TryTake(out var s) ? s : new SearchSpace(nodeCount);

    public void Return(SearchSpace space) => _bag.Add(space);
}
