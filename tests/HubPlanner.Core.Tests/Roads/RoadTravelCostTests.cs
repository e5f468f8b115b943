using HubPlanner.Core.Roads;

namespace HubPlanner.Core.Tests.Roads;

public class RoadTravelCostTests
{
    // Points on the 4-edge fixture (see RoadFixtures.FourEdges), with hand-computed snaps:
    // P (0.004, 0.001) → e10 at (0.004, 0), 400 m from A; off-road = meridian arc of 0.001° at the equator
    //   = a(1 − e²) · 0.001 · π/180 = 6,335,439.3 m · 1.745329e-5 = 110.574 m.
    // Q (0.013, 0.006) → e12 (one-way B→D) at (0.01, 0.006), 600 m from B; off-road = equatorial arc of 0.003°
    //   = 6,378,137 m · 5.235988e-5 = 333.958 m (e11 is 663 m away).
    // P2 (0.007, −0.001) → e10 at (0.007, 0), 700 m from A; off-road 110.574 m.
    private static readonly GeoPoint P = new("p", "P", 0.004, 0.001);
    private static readonly GeoPoint Q = new("q", "Q", 0.013, 0.006);
    private static readonly GeoPoint P2 = new("p2", "P2", 0.007, -0.001);
    private static readonly GeoPoint Far = new("far", "Far", 1, 1);
    private const double OffRoadSpeed = 30 / 3.6;

    [Fact]
    public void Snap_AttachesAPointToTheNearestEdgeAndSplitsIt()
    {
        var graph = RoadFixtures.FourEdges();

        var p = graph.Snapper.Snap(P, null, 25_000).Snapped!;
        var q = graph.Snapper.Snap(Q, null, 25_000).Snapped!;

        Assert.Equal(10, graph.Edges[p.EdgeIndex].Id);
        Assert.Equal(0.004, p.Lon, 9);
        Assert.Equal(0, p.Lat, 9);
        Assert.Equal(0.4, p.Fraction, 6);
        Assert.Equal(110.574, p.OffRoadM, 2);
        Assert.Equal(12, graph.Edges[q.EdgeIndex].Id);
        Assert.Equal(0.6, q.Fraction, 6);
        Assert.Equal(333.958, q.OffRoadM, 2);
    }

    [Fact]
    public void Snap_ReportsAPointFartherThanTheLimitByName()
    {
        var graph = RoadFixtures.FourEdges();

        var result = graph.Snapper.Snap(Far, null, 25_000);

        Assert.False(result.IsSnapped);
        Assert.Contains("'Far' is not reachable by road", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Snap_SkipsEdgesClosedToTheVehicle()
    {
        // R (0.0105, −0.009) is 55.7 m from e13 (max 20 t); a 40 t vehicle must snap to e10/e11 instead (0.009° = 995 m).
        var graph = RoadFixtures.FourEdges();
        var r = new GeoPoint("r", "R", 0.0105, -0.009);

        var light = graph.Snapper.Snap(r, RoadFixtures.Vehicle("van", 10), 25_000).Snapped!;
        var heavy = graph.Snapper.Snap(r, RoadFixtures.Vehicle("het", 40), 25_000).Snapped!;

        Assert.Equal(13, graph.Edges[light.EdgeIndex].Id);
        Assert.Equal(55.66, light.OffRoadM, 1);
        Assert.NotEqual(13, graph.Edges[heavy.EdgeIndex].Id);
        Assert.Equal(995.2, heavy.OffRoadM, 0);
    }

    [Theory]
    [InlineData(MatrixAlgorithm.Dijkstra)]
    [InlineData(MatrixAlgorithm.ContractionHierarchy)]
    public void Matrix_AddsPartialEdgesAndOffRoadLegs_AndNamesUnreachablePairs(MatrixAlgorithm algorithm)
    {
        var cost = new RoadTravelCost(RoadFixtures.FourEdges(), new RoadTravelCostOptions(Algorithm: algorithm));

        var m = cost.Compute([P, Q, Far], [P, Q, P2], null, CancellationToken.None);

        // P → Q: 600 m to B + 600 m up e12 at 10 m/s = 1200 m, 120 s; off-road 110.574 + 333.958 m at 30 km/h.
        Assert.Equal(1200 + 110.574 + 333.958, m.Metres(0, 1), 2);
        Assert.Equal(120 + ((110.574 + 333.958) / OffRoadSpeed), m.Seconds(0, 1), 2);
        // P → P2 along e10 only: 300 m, 30 s, plus two 110.574 m off-road legs.
        Assert.Equal(300 + 221.149, m.Metres(0, 2), 2);
        Assert.Equal(30 + (221.149 / OffRoadSpeed), m.Seconds(0, 2), 2);
        Assert.Equal(0, m.Metres(0, 0));
        // Q sits on the one-way B→D, which ends at D: nothing is reachable from it but itself.
        Assert.False(m.IsReachable(1, 0));
        Assert.Equal(TravelMatrix.NoRoute, m.Metres(1, 0));
        Assert.True(m.IsReachable(1, 1));
        Assert.Contains(m.Unreachable, u => u.FromName == "Q" && u.ToName == "P" && u.Reason.Contains("no road route from 'Q' to 'P'", StringComparison.Ordinal));
        Assert.Contains(m.Unreachable, u => u.FromName == "Far" && u.ToName == "P2" && u.Reason.Contains("'Far' is not reachable by road", StringComparison.Ordinal));
        Assert.Equal(5, m.Unreachable.Count); // Q→P, Q→P2, Far→P, Far→Q, Far→P2
    }

    [Fact]
    public void Matrix_IsIdenticalWithDijkstraAndContractionHierarchy_ForManyPoints()
    {
        var graph = RoadFixtures.FourEdges();
        var rng = new Random(5);
        var points = Enumerable.Range(0, 40)
            .Select(i => new GeoPoint($"x{i}", $"X{i}", -0.002 + (rng.NextDouble() * 0.024), -0.012 + (rng.NextDouble() * 0.024)))
            .ToArray();
        var heavy = RoadFixtures.Vehicle("het", 40, 0.7);

        foreach (var vehicle in new[] { null, heavy })
        {
            var dijkstra = new RoadTravelCost(graph, new RoadTravelCostOptions(Algorithm: MatrixAlgorithm.Dijkstra)).Compute(points, points, vehicle, CancellationToken.None);
            var ch = new RoadTravelCost(graph, new RoadTravelCostOptions(Algorithm: MatrixAlgorithm.ContractionHierarchy)).Compute(points, points, vehicle, CancellationToken.None);

            Assert.Equal(dijkstra.MetresRowMajor.ToArray(), ch.MetresRowMajor.ToArray());
            Assert.Equal(dijkstra.SecondsRowMajor.ToArray(), ch.SecondsRowMajor.ToArray());
            Assert.Equal(dijkstra.Unreachable.Count, ch.Unreachable.Count);
        }
    }

    [Fact]
    public void HeavyVehicle_AvoidsTheWeakBridge_LightVehicleUsesIt()
    {
        // Bridge fixture: light 10 t goes S–M–T over the bridge, 2000 m at 10 m/s = 200 s on "M01";
        // heavy 40 t (speed factor 0.8: 8 m/s) must take S–N–T, 3000 m in 375 s on "H1" then "H2".
        var cost = new RoadTravelCost(RoadFixtures.Bridge());
        var s = new GeoPoint("s", "S", 0, 0);
        var t = new GeoPoint("t", "T", 0.02, 0);
        var light = RoadFixtures.Vehicle("truck", 10);
        var heavy = RoadFixtures.Vehicle("het", 40, 0.8);

        var lightRoute = cost.Route(s, t, light, CancellationToken.None).Route!;
        var heavyRoute = cost.Route(s, t, heavy, CancellationToken.None).Route!;
        var matrix = cost.Compute([s], [t], heavy, CancellationToken.None);

        Assert.Equal(2.0, lightRoute.DistanceKm, 9);
        Assert.Equal(200 / 60.0, lightRoute.TimeMin, 9);
        Assert.Equal(["M01"], lightRoute.RoadNumbers);
        Assert.Equal(3.0, heavyRoute.DistanceKm, 9);
        Assert.Equal(375 / 60.0, heavyRoute.TimeMin, 9);
        Assert.Equal(["H1", "H2"], heavyRoute.RoadNumbers);
        Assert.DoesNotContain(2L, heavyRoute.EdgeIds);
        Assert.Equal(3000, matrix.Metres(0, 0), 9);
        Assert.Equal(375, matrix.Seconds(0, 0), 9);
    }

    [Theory]
    [InlineData(MatrixAlgorithm.Dijkstra)]
    [InlineData(MatrixAlgorithm.ContractionHierarchy)]
    public void Route_FollowsTheRoadGeometryIncludingPartialEdgesAndOffRoadLegs(MatrixAlgorithm algorithm)
    {
        var cost = new RoadTravelCost(RoadFixtures.FourEdges(), new RoadTravelCostOptions(Algorithm: algorithm));

        var result = cost.Route(P, Q, null, CancellationToken.None);

        var route = result.Route!;
        Assert.Equal(["M01", "H02"], route.RoadNumbers);
        Assert.Equal([10L, 12L], route.EdgeIds);
        Assert.Equal(
            "LINESTRING (0.004 0.001, 0.004 0, 0.01 0, 0.01 0.006, 0.013 0.006)",
            new NetTopologySuite.IO.WKTWriter { MaxCoordinatesPerLine = 100 }.Write(Rounded(route.Geometry)));
        var matrix = cost.Compute([P], [Q], null, CancellationToken.None);
        Assert.Equal(matrix.Metres(0, 0) / 1000, route.DistanceKm, 9);
        Assert.Equal(matrix.Seconds(0, 0) / 60, route.TimeMin, 9);
    }

    [Fact]
    public void Route_AgainstAOneWayReportsWhyThereIsNone()
    {
        var cost = new RoadTravelCost(RoadFixtures.FourEdges());

        var result = cost.Route(Q, P, null, CancellationToken.None);

        Assert.Null(result.Route);
        Assert.Equal("q", result.Unreachable!.FromId);
        Assert.Equal("p", result.Unreachable.ToId);
    }

    [Fact]
    public void GreatCircle_ScalesTheGeodesicByTheDetourAndTheVehicleSpeed()
    {
        // One degree of longitude on the equator is 111,319.49 m; ×1.5 detour = 166,979.2 m; at 60 km/h × 0.5 = 30 km/h: 20,037.5 s.
        var cost = new GreatCircleTravelCost(detourFactor: 1.5, speedKmh: 60);
        var a = new GeoPoint("a", "A", 0, 0);
        var b = new GeoPoint("b", "B", 1, 0);

        var m = cost.Compute([a], [b], RoadFixtures.Vehicle("slow", 10, 0.5), CancellationToken.None);

        Assert.Equal(166_979.2, m.Metres(0, 0), 0);
        Assert.Equal(20_037.5, m.Seconds(0, 0), 0);
        Assert.Empty(m.Unreachable);
    }

    private static NetTopologySuite.Geometries.Geometry Rounded(NetTopologySuite.Geometries.Geometry g)
    {
        var copy = g.Copy();
        foreach (var c in copy.Coordinates)
        {
            c.X = Math.Round(c.X, 9);
            c.Y = Math.Round(c.Y, 9);
        }

        copy.GeometryChanged();
        return copy;
    }
}
