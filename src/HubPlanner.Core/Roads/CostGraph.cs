namespace HubPlanner.Core.Roads;

/// <summary>
/// A compact directed graph in CSR form (first-out offsets, heads, packed <see cref="RoadCost"/> weights). It is
/// what every road search runs on: one per vehicle profile, with closed arcs already left out. Immutable.
/// </summary>
public sealed class CostGraph
{
    private readonly int[] _firstOut;
    private readonly int[] _head;
    private readonly long[] _weight;
    private readonly int[] _tag;

    private CostGraph(int nodeCount, int[] firstOut, int[] head, long[] weight, int[] tag)
    {
        NodeCount = nodeCount;
        _firstOut = firstOut;
        _head = head;
        _weight = weight;
        _tag = tag;
    }

    /// <summary>Number of nodes (indices 0..NodeCount-1).</summary>
    public int NodeCount { get; }

    /// <summary>Number of arcs.</summary>
    public int ArcCount => _head.Length;

    /// <summary>CSR offsets: arcs of node v are FirstOut[v]..FirstOut[v+1]-1.</summary>
    public ReadOnlySpan<int> FirstOut => _firstOut;

    /// <summary>Head node of each arc.</summary>
    public ReadOnlySpan<int> Head => _head;

    /// <summary>Packed cost of each arc.</summary>
    public ReadOnlySpan<long> Weight => _weight;

    /// <summary>Caller's tag of each arc (e.g. road edge index · 2 + reversed), -1 where none was given.</summary>
    public ReadOnlySpan<int> Tag => _tag;

    /// <summary>Builds a graph from arc lists (any order; parallel arcs are kept).</summary>
    /// <param name="tags">Optional per-arc tag (same length as <paramref name="tails"/>).</param>
    public static CostGraph Create(int nodeCount, ReadOnlySpan<int> tails, ReadOnlySpan<int> heads, ReadOnlySpan<long> weights, ReadOnlySpan<int> tags = default)
    {
        if (nodeCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeCount), "node count must not be negative");
        }

        if (tails.Length != heads.Length || tails.Length != weights.Length || (tags.Length != 0 && tags.Length != tails.Length))
        {
            throw new ArgumentException($"arc arrays differ in length: tails {tails.Length}, heads {heads.Length}, weights {weights.Length}, tags {tags.Length}");
        }

        int m = tails.Length;
        var firstOut = new int[nodeCount + 1];
        for (int i = 0; i < m; i++)
        {
            int t = tails[i], h = heads[i];
            if ((uint)t >= (uint)nodeCount || (uint)h >= (uint)nodeCount)
            {
                throw new ArgumentException($"arc {i} ({t}->{h}) refers to a node outside 0..{nodeCount - 1}");
            }

            if (weights[i] < 0)
            {
                throw new ArgumentException($"arc {i} ({t}->{h}) has a negative cost {weights[i]}");
            }

            firstOut[t + 1]++;
        }

        for (int v = 0; v < nodeCount; v++)
        {
            firstOut[v + 1] += firstOut[v];
        }

        var next = new int[nodeCount];
        Array.Copy(firstOut, next, nodeCount);
        var head = new int[m];
        var weight = new long[m];
        var tag = new int[m];
        for (int i = 0; i < m; i++)
        {
            int slot = next[tails[i]]++;
            head[slot] = heads[i];
            weight[slot] = weights[i];
            tag[slot] = tags.Length == 0 ? -1 : tags[i];
        }

        return new CostGraph(nodeCount, firstOut, head, weight, tag);
    }

    /// <summary>The reverse graph (every arc turned around, tags kept).</summary>
    public CostGraph Reverse()
    {
        var tails = new int[ArcCount];
        for (int v = 0; v < NodeCount; v++)
        {
            for (int a = _firstOut[v]; a < _firstOut[v + 1]; a++)
            {
                tails[a] = v;
            }
        }

        return Create(NodeCount, _head, tails, _weight, _tag);
    }

    /// <summary>Approximate managed memory of the arrays, in bytes.</summary>
    public long MemoryBytes => (long)_firstOut.Length * 4 + (long)_head.Length * (4 + 8 + 4);
}
