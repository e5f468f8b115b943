using HubPlanner.Core.Roads;

namespace HubPlanner.Core.Tests.Roads;

public class DijkstraMatrixTests
{
    [Fact]
    public void Dijkstra_EqualsFloydWarshall_OnSmallRandomGraphs()
    {
        int graphsWithUnreachablePairs = 0;
        for (int seed = 1; seed <= 25; seed++)
        {
            int n = 3 + (seed * 3 % 40);
            var graph = RoadFixtures.RandomGraph(seed, n);
            var oracle = RoadFixtures.FloydWarshall(graph);

            var matrix = DijkstraMatrix.Compute(graph, RoadFixtures.Singles(n), RoadFixtures.Singles(n));

            bool anyUnreachable = false;
            for (int s = 0; s < n; s++)
            {
                for (int t = 0; t < n; t++)
                {
                    Assert.Equal(oracle[s, t], matrix[(s * n) + t]);
                    anyUnreachable |= oracle[s, t] == RoadCost.Infinity;
                }
            }

            graphsWithUnreachablePairs += anyUnreachable ? 1 : 0;
        }

        // The fixture must exercise disconnected parts and one-way arcs, or the equality above proves little.
        Assert.True(graphsWithUnreachablePairs >= 5, $"only {graphsWithUnreachablePairs} graphs had unreachable pairs");
    }

    [Fact]
    public void Dijkstra_TakesTheCheapestSeedCombination()
    {
        // 0 → 1 → 2, each arc 10 s. Source seeds: node 0 at +5 s, node 1 at +30 s; target seed node 2 at +1 s.
        // Via node 0: 5 + 20 + 1 = 26 s; via node 1: 30 + 10 + 1 = 41 s.
        long ten = RoadCost.Pack(10_000, 0);
        var graph = CostGraph.Create(3, [0, 1], [1, 2], [ten, ten]);

        var m = DijkstraMatrix.Compute(graph, [[new(0, RoadCost.Pack(5_000, 0)), new(1, RoadCost.Pack(30_000, 0))]], [[new(2, RoadCost.Pack(1_000, 0))]]);

        Assert.Equal(RoadCost.Pack(26_000, 0), m[0]);
    }

    [Fact]
    public void ShortestPath_ReturnsTheArcsInDrivingOrder()
    {
        // 0 → 1 → 3 costs 2 + 2 = 4; 0 → 2 → 3 costs 1 + 5 = 6.
        var graph = CostGraph.Create(4, [0, 1, 0, 2], [1, 3, 2, 3],
            [RoadCost.Pack(2, 0), RoadCost.Pack(2, 0), RoadCost.Pack(1, 0), RoadCost.Pack(5, 0)], [10, 11, 12, 13]);

        var path = DijkstraMatrix.ShortestPath(graph, [new(0, 0)], [new(3, 0)]);

        Assert.NotNull(path);
        Assert.Equal(RoadCost.Pack(4, 0), path.Cost);
        Assert.Equal([10, 11], path.Arcs.Select(a => graph.Tag[a]));
    }

    [Fact]
    public void RoadCost_PacksTimeAboveLengthSoTiesBreakOnLength()
    {
        // Same time, shorter length is cheaper; any extra millisecond outweighs any length.
        Assert.True(RoadCost.Pack(1000, 5) < RoadCost.Pack(1000, 6));
        Assert.True(RoadCost.Pack(1000, RoadCost.LengthMask) < RoadCost.Pack(1001, 0));
        Assert.Equal(1234, RoadCost.TimeMs(RoadCost.Pack(1234, 567)));
        Assert.Equal(567, RoadCost.LengthM(RoadCost.Pack(1234, 567)));
    }
}
