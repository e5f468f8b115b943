namespace HubPlanner.Core.Roads;

/// <summary>
/// The baseline many-to-many search: one Dijkstra (binary heap) per source, sources in parallel, each stopping
/// once every target node is settled. Exact on <see cref="RoadCost"/>; the contraction hierarchy must match it.
/// </summary>
public static class DijkstraMatrix
{
    /// <summary>
    /// Shortest packed costs from every source to every target (row-major, sources × targets);
    /// <see cref="RoadCost.Infinity"/> where no path exists. A source or target with several seeds (both ends of
    /// the edge it was snapped to) takes the cheapest combination.
    /// </summary>
    public static long[] Compute(CostGraph graph, IReadOnlyList<SearchSeed[]> sources, IReadOnlyList<SearchSeed[]> targets,
        int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        int rows = sources.Count, cols = targets.Count;
        var result = new long[(long)rows * cols];
        Array.Fill(result, RoadCost.Infinity);

        // Targets grouped by node (CSR), so a settled node updates its targets in one pass.
        var (firstTarget, targetIndex, targetCost, distinctTargetNodes) = GroupByNode(graph.NodeCount, targets);
        foreach (var seeds in sources)
        {
            foreach (var seed in seeds)
            {
                if ((uint)seed.Node >= (uint)graph.NodeCount)
                {
                    throw new ArgumentException($"a source has a seed at node {seed.Node}, outside the graph");
                }
            }
        }

        var pool = new SearchSpacePool(graph.NodeCount);
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, rows, options, () => pool.Rent(), (s, _, space) =>
        {
            RunOne(graph, sources[s], space, firstTarget, targetIndex, targetCost, distinctTargetNodes, result.AsSpan((int)((long)s * cols), cols));
            return space;
        }, pool.Return);
        return result;
    }

    private static void RunOne(CostGraph g, SearchSeed[] seeds, SearchSpace space, int[] firstTarget,
        int[] targetIndex, long[] targetCost, int distinctTargetNodes, Span<long> row)
    {
        space.Next();
        var heap = space.Heap;
        foreach (var seed in seeds)
        {
            if (seed.Cost < space.Get(seed.Node))
            {
                space.Set(seed.Node, seed.Cost);
                heap.Push(seed.Cost, seed.Node);
            }
        }

        var firstOut = g.FirstOut;
        var head = g.Head;
        var weight = g.Weight;
        int remaining = distinctTargetNodes;
        var settled = space.Aux;
        int stamp = space.Current;
        while (heap.Count > 0 && remaining > 0)
        {
            int v = heap.Pop(out long d);
            if (d > space.Dist[v] || settled[v] == stamp)
            {
                continue;
            }

            settled[v] = stamp;
            int end = firstTarget[v + 1];
            if (firstTarget[v] < end)
            {
                remaining--;
                for (int i = firstTarget[v]; i < end; i++)
                {
                    long total = d + targetCost[i];
                    if (total < row[targetIndex[i]])
                    {
                        row[targetIndex[i]] = total;
                    }
                }
            }

            for (int a = firstOut[v]; a < firstOut[v + 1]; a++)
            {
                int w = head[a];
                long nd = d + weight[a];
                if (nd < space.Get(w))
                {
                    space.Set(w, nd);
                    heap.Push(nd, w);
                }
            }
        }
    }

    /// <summary>Groups target seeds by node in CSR form (node → its (target, cost) entries).</summary>
    internal static (int[] First, int[] Index, long[] Cost, int DistinctNodes) GroupByNode(int nodeCount, IReadOnlyList<SearchSeed[]> targets)
    {
        var first = new int[nodeCount + 1];
        int total = 0;
        for (int t = 0; t < targets.Count; t++)
        {
            foreach (var seed in targets[t])
            {
                if ((uint)seed.Node >= (uint)nodeCount)
                {
                    throw new ArgumentException($"target {t} has a seed at node {seed.Node}, outside the graph");
                }

                first[seed.Node + 1]++;
                total++;
            }
        }

        int distinct = 0;
        for (int v = 0; v < nodeCount; v++)
        {
            if (first[v + 1] > 0)
            {
                distinct++;
            }

            first[v + 1] += first[v];
        }

        var next = new int[nodeCount];
        Array.Copy(first, next, nodeCount);
        var index = new int[total];
        var cost = new long[total];
        for (int t = 0; t < targets.Count; t++)
        {
            foreach (var seed in targets[t])
            {
                int slot = next[seed.Node]++;
                index[slot] = t;
                cost[slot] = seed.Cost;
            }
        }

        return (first, index, cost, distinct);
    }

    /// <summary>
    /// One shortest path from any seed of <paramref name="from"/> to any seed of <paramref name="to"/>: the arcs
    /// in order, the seeds used and the total packed cost; null if there is none.
    /// </summary>
    public static GraphPath? ShortestPath(CostGraph graph, IReadOnlyList<SearchSeed> from, IReadOnlyList<SearchSeed> to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var space = new SearchSpace(graph.NodeCount);
        space.Next();
        var heap = space.Heap;
        for (int i = 0; i < from.Count; i++)
        {
            var seed = from[i];
            if (seed.Cost < space.Get(seed.Node))
            {
                space.Set(seed.Node, seed.Cost);
                space.Parent[seed.Node] = -1 - i;
                heap.Push(seed.Cost, seed.Node);
            }
        }

        long best = RoadCost.Infinity;
        int bestTarget = -1;
        var firstOut = graph.FirstOut;
        var head = graph.Head;
        var weight = graph.Weight;
        int settledCount = 0;
        while (heap.Count > 0)
        {
            int v = heap.Pop(out long d);
            if (d > space.Dist[v])
            {
                continue;
            }

            if (d >= best)
            {
                break;
            }

            if ((++settledCount & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (int i = 0; i < to.Count; i++)
            {
                if (to[i].Node == v && d + to[i].Cost < best)
                {
                    best = d + to[i].Cost;
                    bestTarget = i;
                }
            }

            for (int a = firstOut[v]; a < firstOut[v + 1]; a++)
            {
                int w = head[a];
                long nd = d + weight[a];
                if (nd < space.Get(w))
                {
                    space.Set(w, nd);
                    space.Parent[w] = a;
                    heap.Push(nd, w);
                }
            }
        }

        if (bestTarget < 0)
        {
            return null;
        }

        var arcs = new List<int>();
        var tails = ArcTails(graph);
        int node = to[bestTarget].Node;
        while (space.Parent[node] >= 0)
        {
            int arc = space.Parent[node];
            arcs.Add(arc);
            node = tails[arc];
        }

        arcs.Reverse();
        return new GraphPath(-1 - space.Parent[node], bestTarget, arcs, best);
    }

    private static int[] ArcTails(CostGraph g)
    {
        var tails = new int[g.ArcCount];
        for (int v = 0; v < g.NodeCount; v++)
        {
            for (int a = g.FirstOut[v]; a < g.FirstOut[v + 1]; a++)
            {
                tails[a] = v;
            }
        }

        return tails;
    }
}

/// <summary>A path found in a <see cref="CostGraph"/>.</summary>
/// <param name="FromSeed">Index of the start seed used.</param>
/// <param name="ToSeed">Index of the end seed used.</param>
/// <param name="Arcs">Arc indices of the graph, in driving order.</param>
/// <param name="Cost">Total packed cost, seeds included.</param>
public sealed record GraphPath(int FromSeed, int ToSeed, IReadOnlyList<int> Arcs, long Cost);
