using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;

namespace HubPlanner.Core.Roads;

/// <summary>Strongly connected components of a <see cref="CostGraph"/> (iterative Tarjan: no recursion, so a
/// million-node graph does not overflow the stack).</summary>
public static class StrongComponents
{
    /// <summary>Component id of every node (0..count-1) and the count.</summary>
    public static (int[] ComponentOf, int Count) Compute(CostGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int n = graph.NodeCount;
        var index = new int[n];
        var low = new int[n];
        var comp = new int[n];
        var onStack = new bool[n];
        Array.Fill(index, -1);
        var stack = new int[n];
        int stackTop = 0;
        var callNode = new int[n];
        var callArc = new int[n];
        int next = 0, count = 0;
        var firstOut = graph.FirstOut;
        var head = graph.Head;
        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            int depth = 0;
            callNode[0] = root;
            callArc[0] = firstOut[root];
            index[root] = low[root] = next++;
            stack[stackTop++] = root;
            onStack[root] = true;
            while (depth >= 0)
            {
                int v = callNode[depth];
                if (callArc[depth] < firstOut[v + 1])
                {
                    int w = head[callArc[depth]++];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = next++;
                        stack[stackTop++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callArc[depth] = firstOut[w];
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack[--stackTop];
                        onStack[w] = false;
                        comp[w] = count;
                    }
                    while (w != v);
                    count++;
                }

                depth--;
                if (depth >= 0)
                {
                    int parent = callNode[depth];
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        return (comp, count);
    }
}

/// <summary>One strongly connected part of the road network.</summary>
/// <param name="NodeCount">Road nodes in it.</param>
/// <param name="Places">Names of places on or nearest to it (node names first, then the nearest given place).</param>
/// <param name="Description">A sentence for reports.</param>
public sealed record RoadComponent(int Index, int NodeCount, IReadOnlyList<long> NodeIds, IReadOnlyList<string> Places, string Description);

/// <summary>Connectivity of the road network for one vehicle: the main component and every smaller one, named.</summary>
/// <param name="Components">Largest first; node ids are listed only for the small ones.</param>
public sealed record ComponentReport(int ComponentCount, int LargestNodeCount, int NodeCount, IReadOnlyList<RoadComponent> Components)
{
    /// <summary>True if every node can reach every other.</summary>
    public bool IsStronglyConnected => ComponentCount <= 1;
}

/// <summary>Diagnostics of road connectivity.</summary>
public static class RoadComponents
{
    /// <summary>
    /// Strong components of the network for <paramref name="vehicle"/>; every component but the largest is named by
    /// its nodes' names or, failing that, by the nearest of <paramref name="places"/>.
    /// </summary>
    /// <param name="maxListedNodes">Node ids listed per small component at most.</param>
    public static ComponentReport Analyze(RoadGraph graph, VehicleType? vehicle, IReadOnlyList<Place>? places = null, int maxListedNodes = 50)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var (comp, count) = StrongComponents.Compute(graph.CostGraphFor(vehicle));
        var members = new List<int>[count];
        for (int c = 0; c < count; c++)
        {
            members[c] = [];
        }

        for (int v = 0; v < comp.Length; v++)
        {
            members[comp[v]].Add(v);
        }

        var order = Enumerable.Range(0, count).OrderByDescending(c => members[c].Count).ThenBy(c => members[c][0]).ToArray();
        var result = new List<RoadComponent>(count);
        for (int k = 0; k < order.Length; k++)
        {
            var nodes = members[order[k]];
            if (k == 0)
            {
                result.Add(new RoadComponent(0, nodes.Count, [], [], $"main network: {nodes.Count} nodes"));
                continue;
            }

            var names = nodes.Select(v => graph.Nodes[v].Name).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).Distinct().ToList();
            if (names.Count == 0 && places is { Count: > 0 })
            {
                var first = graph.Nodes[nodes[0]];
                var nearest = places.MinBy(p => Wgs84Geodesic.GreatCircle(first.Lon, first.Lat, p.Lon, p.Lat))!;
                double km = Wgs84Geodesic.GreatCircle(first.Lon, first.Lat, nearest.Lon, nearest.Lat) / 1000;
                names.Add($"near {nearest.Name} ({km:0} km)");
            }

            string where = names.Count > 0 ? string.Join(", ", names.Take(5)) : $"node {graph.Nodes[nodes[0]].Id}";
            result.Add(new RoadComponent(k, nodes.Count, nodes.Take(maxListedNodes).Select(v => graph.Nodes[v].Id).ToList(), names,
                $"{nodes.Count} node(s) cut off from the main network{(vehicle is null ? "" : $" for {vehicle.Name}")}: {where}"));
        }

        return new ComponentReport(count, order.Length > 0 ? members[order[0]].Count : 0, comp.Length, result);
    }
}
