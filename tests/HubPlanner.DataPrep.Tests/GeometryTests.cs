using HubPlanner.Core.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace HubPlanner.DataPrep.Tests;

public class GeometryTests
{
    [Fact]
    public void GeodesicDisc_IsACounterClockwiseRingWithTheAreaOfACircle()
    {
        // A 40 km disc: area pi r^2 = 5026.5 km2; a 128-gon inscribed in it has 0.9996 of that.
        var disc = GeometryBuilder.GeodesicDisc(30.5234, 50.4501, 40_000, 128);

        Assert.True(disc.IsValid);
        Assert.True(Orientation.IsCCW(disc.ExteriorRing.Coordinates));
        double expected = 128 / 2.0 * 40 * 40 * Math.Sin(2 * Math.PI / 128);
        Assert.Equal(expected, UkraineEqualArea.Instance.AreaKm2(disc), expected * 0.002);
    }

    [Fact]
    public void GeodesicDisc_VerticesLieAtTheRadiusByHaversine()
    {
        // Haversine on the mean sphere agrees with the ellipsoid to ~0.5 % over 40 km at 50 N.
        var disc = GeometryBuilder.GeodesicDisc(24.03, 49.84, 40_000, 16);
        foreach (var c in disc.ExteriorRing.Coordinates)
        {
            Assert.InRange(Haversine(24.03, 49.84, c.X, c.Y), 39_800, 40_200);
        }
    }

    [Fact]
    public void OccupiedSideOfTheShippedLine_IsValidAndHoldsDonetskAndCrimeaButNotKyivOrKharkiv()
    {
        var spec = TheatreBuilder.ReadSpec(Path.Combine(RepoRoot(), "tools", "dataprep", "control.spec"));
        var p = TheatreBuilder.OccupiedSide(spec.Line);

        Assert.True(p.IsValid);
        Assert.True(p.Contains(GeoFactory.Point(37.80, 48.02)));  // Donetsk
        Assert.True(p.Contains(GeoFactory.Point(34.10, 44.95)));  // Simferopol
        Assert.False(p.Contains(GeoFactory.Point(30.52, 50.45))); // Kyiv
        Assert.False(p.Contains(GeoFactory.Point(36.23, 49.99))); // Kharkiv
        Assert.False(p.Contains(GeoFactory.Point(32.61, 46.65))); // Kherson (right bank)
        Assert.False(p.Contains(GeoFactory.Point(35.78, 47.57))); // Orikhiv (held)
        Assert.True(p.Contains(GeoFactory.Point(35.37, 47.14)));  // Melitopol
        Assert.Equal("2025-11-15", spec.AsOf);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HubPlanner.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Write_OrientsShellsCounterClockwiseAndHolesClockwise()
    {
        // Shell given clockwise, hole given counter-clockwise: both must be reversed on output.
        var shell = Ring((0, 0), (0, 10), (10, 10), (10, 0), (0, 0));
        var hole = Ring((2, 2), (4, 2), (4, 4), (2, 4), (2, 2));
        var polygon = GeoFactory.Wgs84.CreatePolygon(shell, [hole]);
        var path = Path.Combine(Path.GetTempPath(), $"hp-dataprep-{Guid.NewGuid():N}.geojson");
        try
        {
            GeoJsonIo.Write(path, [new OutFeature([new("id", "z")], polygon)]);
            var back = (Polygon)GeoJsonIo.Read(path)[0].Geometry;

            Assert.True(Orientation.IsCCW(back.ExteriorRing.Coordinates));
            Assert.False(Orientation.IsCCW(back.GetInteriorRingN(0).Coordinates));
            Assert.Equal(96, back.Area, 9);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ShortestKm_FindsTheCheaperTwoHopPath()
    {
        // 1 -(10 km)- 2 -(10 km)- 3 and a direct 1 -(25 km)- 3: shortest 1 -> 3 is 20 km; 4 is unreachable.
        var edges = new (long, long, double)[] { (1, 2, 10_000), (2, 3, 10_000), (1, 3, 25_000), (4, 4, 0) };

        Assert.Equal(20, DatasetChecker.ShortestKm(edges, 1, 3), 9);
        Assert.Equal(double.PositiveInfinity, DatasetChecker.ShortestKm(edges, 1, 4));
    }

    private static LinearRing Ring(params (double X, double Y)[] points)
        => GeoFactory.Wgs84.CreateLinearRing(points.Select(p => new Coordinate(p.X, p.Y)).ToArray());

    private static double Haversine(double lon1, double lat1, double lon2, double lat2)
    {
        const double r = 6_371_008.8;
        double dLat = (lat2 - lat1) * Math.PI / 180, dLon = (lon2 - lon1) * Math.PI / 180;
        double a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * r * Math.Asin(Math.Sqrt(a));
    }
}
