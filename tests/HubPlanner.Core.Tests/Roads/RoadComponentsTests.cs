using HubPlanner.Core.Domain;
using HubPlanner.Core.Roads;

namespace HubPlanner.Core.Tests.Roads;

public class RoadComponentsTests
{
    [Fact]
    public void StrongComponents_MatchMutualReachabilityFromFloydWarshall()
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            var graph = RoadFixtures.RandomGraph(seed, 30);
            var reach = RoadFixtures.FloydWarshall(graph);

            var (comp, _) = StrongComponents.Compute(graph);

            for (int a = 0; a < 30; a++)
            {
                for (int b = 0; b < 30; b++)
                {
                    bool mutual = reach[a, b] != RoadCost.Infinity && reach[b, a] != RoadCost.Infinity;
                    Assert.Equal(mutual, comp[a] == comp[b]);
                }
            }
        }
    }

    [Fact]
    public void StrongComponents_HandleALongCycleWithoutRecursion()
    {
        // A directed ring of 300,000 nodes is one component; a recursive Tarjan would overflow the stack.
        const int n = 300_000;
        var tails = Enumerable.Range(0, n).ToArray();
        var heads = tails.Select(v => (v + 1) % n).ToArray();
        var graph = CostGraph.Create(n, tails, heads, new long[n]);

        var (_, count) = StrongComponents.Compute(graph);

        Assert.Equal(1, count);
    }

    [Fact]
    public void Analyze_NamesTheNodesCutOffByAOneWayAndByAWeightLimit()
    {
        // FourEdges: D is only entered (one-way B→D), so it is cut off for everyone; E hangs on e13 (max 20 t),
        // so for a 40 t vehicle E is cut off too.
        var graph = RoadFixtures.FourEdges();

        var anyone = RoadComponents.Analyze(graph, null);
        var heavy = RoadComponents.Analyze(graph, RoadFixtures.Vehicle("het", 40));

        Assert.Equal(2, anyone.ComponentCount);
        Assert.Equal(4, anyone.LargestNodeCount);
        Assert.Equal(["D"], anyone.Components[1].Places);
        Assert.Equal(3, heavy.ComponentCount);
        Assert.Equal(["D", "E"], heavy.Components.Skip(1).SelectMany(c => c.Places).Order(StringComparer.Ordinal));
        Assert.Contains("cut off from the main network for het", heavy.Components[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_NamesAnUnnamedIslandByTheNearestPlace()
    {
        var graph = RoadGraph.Create(
            [RoadFixtures.Node(1, 30, 50), RoadFixtures.Node(2, 30.1, 50), RoadFixtures.Node(3, 35, 45), RoadFixtures.Node(4, 35.1, 45)],
            [
                RoadFixtures.Edge(1, 1, 2, 7000, 60, via: [(30, 50), (30.1, 50)]),
                RoadFixtures.Edge(2, 3, 4, 7000, 60, via: [(35, 45), (35.1, 45)]),
            ]);
        var places = new[] { new Place("kyiv", "Kyiv", "Kyiv", 30.5, 50.45, 2_900_000, true), new Place("kerch", "Kerch", "Crimea", 36.47, 45.36, 150_000, false) };

        var report = RoadComponents.Analyze(graph, null, places);

        Assert.Equal(2, report.ComponentCount);
        Assert.StartsWith("near Kerch", report.Components[1].Places[0], StringComparison.Ordinal);
    }
}
