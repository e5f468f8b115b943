using HubPlanner.Core.Roads;

namespace HubPlanner.Core.Tests.Roads;

public class RoadGraphTests
{
    [Fact]
    public void Create_RejectsAnEdgeWithAnUnknownNode()
    {
        var ex = Assert.Throws<ArgumentException>(() => RoadGraph.Create(
            [RoadFixtures.Node(1, 0, 0)],
            [RoadFixtures.Edge(7, 1, 99, 100, 50, via: [(0, 0), (0.001, 0)])]));

        Assert.Contains("road edge 7 ends at unknown node 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CostGraph_HasBothDirectionsOfTwoWayEdgesAndOneOfOneWays_AndDropsClosedEdges()
    {
        // FourEdges: e10, e11, e13 two-way (6 arcs) + e12 one-way (1 arc) = 7; a 40 t vehicle loses e13's 2 arcs.
        var graph = RoadFixtures.FourEdges();

        Assert.Equal(7, graph.CostGraphFor(null).ArcCount);
        Assert.Equal(5, graph.CostGraphFor(RoadFixtures.Vehicle("het", 40)).ArcCount);
    }

    [Fact]
    public void EdgeTime_ScalesWithTheVehicleSpeedFactor()
    {
        // e13: 1000 m at 72 km/h = 50 s; at speed factor 0.5, 100 s.
        var graph = RoadFixtures.FourEdges();

        Assert.Equal(50_000, graph.EdgeTimeMs(3, null));
        Assert.Equal(100_000, graph.EdgeTimeMs(3, RoadFixtures.Vehicle("slow", 10, 0.5)));
    }

    [Fact]
    public void Create_UsesTheClassSpeedWhereAnEdgeHasNone()
    {
        // Primary defaults to 80 km/h: 2000 m take 90 s.
        var graph = RoadGraph.Create(
            [RoadFixtures.Node(1, 0, 0), RoadFixtures.Node(2, 0.02, 0)],
            [RoadFixtures.Edge(1, 1, 2, 2000, 0, via: [(0, 0), (0.02, 0)])]);

        Assert.Equal(90_000, graph.EdgeTimeMs(0, null));
    }
}
