using HubPlanner.Core.Roads;

namespace HubPlanner.Core.Tests.Roads;

public class ContractionHierarchyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 1; seed <= 60; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ChMatrix_EqualsDijkstraMatrix_OnRandomGraphs(int seed)
    {
        var rng = new Random(seed * 7919);
        int n = 5 + rng.Next(120);
        var graph = RoadFixtures.RandomGraph(seed, n);

        // Sources and targets with one or two seeds carrying offsets, as snapped points have.
        SearchSeed[] RandomSeeds()
        {
            int count = 1 + rng.Next(2);
            return Enumerable.Range(0, count).Select(_ => new SearchSeed(rng.Next(n), RoadCost.Pack(rng.Next(0, 3000), rng.Next(0, 500)))).ToArray();
        }

        var sources = Enumerable.Range(0, 1 + rng.Next(15)).Select(_ => RandomSeeds()).ToArray();
        var targets = Enumerable.Range(0, 1 + rng.Next(15)).Select(_ => RandomSeeds()).ToArray();
        var options = seed % 3 == 0 ? new ContractionOptions(WitnessSettleLimit: 3, SimulationSettleLimit: 2, WitnessHopLimit: 1) : null;

        var ch = ContractionHierarchy.Build(graph, options);
        var expected = DijkstraMatrix.Compute(graph, sources, targets);
        var actual = ch.ComputeMatrix(sources, targets);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Ch_KeepsBothRoutesOfATiedDiamond()
    {
        // u=0 → v=1 → x=3 and u=0 → w=2 → x=3, every arc 1 s: v and w are contracted in the same round and each is
        // the other's witness; a parallel contraction that honoured both witnesses would disconnect 0 from 3.
        long one = RoadCost.Pack(1000, 0);
        var graph = CostGraph.Create(4, [0, 1, 0, 2], [1, 3, 2, 3], [one, one, one, one]);

        var ch = ContractionHierarchy.Build(graph);
        var matrix = ch.ComputeMatrix([[new SearchSeed(0, 0)]], [[new SearchSeed(3, 0)]]);

        Assert.Equal(2 * one, matrix[0]);
    }

    [Fact]
    public void ShortestPath_UnpacksShortcutsToAPathOfOriginalArcsWithTheMatrixCost()
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            var graph = RoadFixtures.RandomGraph(seed, 60);
            var ch = ContractionHierarchy.Build(graph);
            var all = ch.ComputeMatrix(RoadFixtures.Singles(60), RoadFixtures.Singles(60));
            for (int s = 0; s < 60; s += 7)
            {
                for (int t = 0; t < 60; t += 5)
                {
                    var path = ch.ShortestPath([new SearchSeed(s, 0)], [new SearchSeed(t, 0)]);
                    long expected = all[(s * 60) + t];
                    if (expected == RoadCost.Infinity)
                    {
                        Assert.Null(path);
                        continue;
                    }

                    Assert.NotNull(path);
                    Assert.Equal(expected, path.Cost);
                    Assert.Equal(s, path.Nodes[0]);
                    Assert.Equal(t, path.Nodes[^1]);
                    long sum = 0;
                    for (int i = 0; i + 1 < path.Nodes.Count; i++)
                    {
                        sum += CheapestArc(graph, path.Nodes[i], path.Nodes[i + 1]);
                    }

                    Assert.Equal(expected, sum);
                }
            }
        }
    }

    [Fact]
    public void Build_OnAGridWithEqualCosts_AddsShortcutsAndStaysExact()
    {
        // 12 x 12 grid, every arc 10 s and 100 m: maximal ties.
        const int side = 12;
        var tails = new List<int>();
        var heads = new List<int>();
        for (int v = 0; v < side * side; v++)
        {
            if (v % side + 1 < side)
            {
                tails.AddRange([v, v + 1]);
                heads.AddRange([v + 1, v]);
            }

            if (v + side < side * side)
            {
                tails.AddRange([v, v + side]);
                heads.AddRange([v + side, v]);
            }
        }

        long w = RoadCost.Pack(10_000, 100);
        var graph = CostGraph.Create(side * side, tails.ToArray(), heads.ToArray(), Enumerable.Repeat(w, tails.Count).ToArray());
        var ch = ContractionHierarchy.Build(graph);
        var all = RoadFixtures.Singles(side * side);

        Assert.True(ch.ShortcutCount > 0);
        var matrix = ch.ComputeMatrix(all, all);
        for (int s = 0; s < side * side; s++)
        {
            for (int t = 0; t < side * side; t++)
            {
                // Manhattan distance in steps.
                int steps = Math.Abs((s % side) - (t % side)) + Math.Abs((s / side) - (t / side));
                Assert.Equal(steps * w, matrix[(s * side * side) + t]);
            }
        }
    }

    private static long CheapestArc(CostGraph g, int from, int to)
    {
        long best = RoadCost.Infinity;
        for (int a = g.FirstOut[from]; a < g.FirstOut[from + 1]; a++)
        {
            if (g.Head[a] == to)
            {
                best = Math.Min(best, g.Weight[a]);
            }
        }

        Assert.NotEqual(RoadCost.Infinity, best);
        return best;
    }
}
