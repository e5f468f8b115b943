using HubPlanner.Core.Coverage;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using static HubPlanner.Core.Tests.Coverage.CoverageFixture;

namespace HubPlanner.Core.Tests.Coverage;

public class DiscArrangementTests
{
    private static (List<Disc> Discs, RegionContext Region) ThreeDiscsInASquare()
    {
        var region = new RegionContext(UkraineEqualArea.Instance.Project(Square(300)), [], []);
        var discs = new[] { (At(0, 70), 110.0), (At(120, 70), 90.0), (At(240, 70), 130.0) }
            .Select((c, i) =>
            {
                double r = c.Item2 * 1000;
                var polygon = GeodesicDisc.MetricPolygon(c.Item1.Lon, c.Item1.Lat, r, GeodesicDisc.VertexCount(r));
                var (x, y) = UkraineEqualArea.Instance.Forward(c.Item1.Lon, c.Item1.Lat);
                return new Disc(i, new DiscShape(polygon, new Coordinate(x, y)));
            })
            .ToList();
        return (discs, region);
    }

    [Fact]
    public void Faces_TileTheRegion_WithoutOverlapOrHoles()
    {
        // The faces partition the region: their areas add up to it, and pairwise they share at most edges.
        var (discs, region) = ThreeDiscsInASquare();
        var arrangement = DiscArrangement.Build(discs, region, CancellationToken.None);
        Assert.Equal(region.AreaM2, arrangement.Faces.Sum(f => f.AreaM2), region.AreaM2 * 1e-9);
        var union = NetTopologySuite.Coverage.CoverageUnion.Union(arrangement.Faces.Select(f => (Geometry)f.Geometry).ToArray());
        Assert.Equal(region.AreaM2, union.Area, region.AreaM2 * 1e-9);
        // Three discs in general position: 1 face outside all, 3 single, 3 pairwise, 1 triple = 8 faces.
        Assert.Equal(8, arrangement.Faces.Length);
        Assert.Equal([0, 1, 1, 1, 2, 2, 2, 3], arrangement.Faces.Select(f => f.Cover.Length).Order());
    }

    [Fact]
    public void FastNoding_AgreesWithOverlayNGsRobustNoding()
    {
        var (discs, region) = ThreeDiscsInASquare();
        var fast = DiscArrangement.Build(discs, region, CancellationToken.None);
        var robust = DiscArrangement.Build(discs, region, CancellationToken.None, robustNoding: true);
        for (int k = 0; k <= 3; k++)
        {
            double a = fast.Faces.Where(f => f.Cover.Length == k).Sum(f => f.AreaM2);
            double b = robust.Faces.Where(f => f.Cover.Length == k).Sum(f => f.AreaM2);
            Assert.Equal(b, a, Math.Max(1, b) * 1e-9);
        }
    }

    [Fact]
    public void AddingADisc_SplitsOnlyTheFacesItCrosses()
    {
        // A 10 km disc at the centre, inside the triple overlap (the nearest boundary, the 90 km disc's, is 20 km
        // away), crosses one face only: that face splits in two.
        var (discs, region) = ThreeDiscsInASquare();
        var before = DiscArrangement.Build(discs, region, CancellationToken.None);
        var polygon = GeodesicDisc.MetricPolygon(CentreLon, CentreLat, 10_000, GeodesicDisc.VertexCount(10_000));
        var after = before.WithDiscs([new Disc(3, new DiscShape(polygon, new Coordinate(0, 0)))], region, CancellationToken.None);
        Assert.Equal(before.Faces.Length + 1, after.Faces.Length);
        Assert.Equal(polygon.Area, after.Faces.Where(f => f.Cover.Length == 4).Sum(f => f.AreaM2), polygon.Area * 1e-9);
        Assert.Equal(region.AreaM2, after.Faces.Sum(f => f.AreaM2), region.AreaM2 * 1e-9);
        Assert.True(after.IsCleanCoverage);
    }
}
