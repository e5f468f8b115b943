using HubPlanner.Core.Geo;
using NetTopologySuite.Algorithm;

namespace HubPlanner.Core.Tests.Geo;

public class GeodesicDiscTests
{
    // West (Uzhhorod), centre, east (Luhansk oblast), south (Sevastopol) of Ukraine × the benchmark radii.
    public static TheoryData<double, double, double> CentresAndRadii()
    {
        var data = new TheoryData<double, double, double>();
        foreach (var (lon, lat) in new[] { (22.3, 48.6), (31.5, 48.5), (39.8, 49.2), (33.5, 44.6), (24.0, 51.5) })
        {
            foreach (double r in new[] { 8.0, 40.0, 150.0, 250.0 })
            {
                data.Add(lon, lat, r);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CentresAndRadii))]
    public void Disc_BoundaryIsWithinFiveHundredthsOfAPercentOfTheRadius_AtEveryVertexAndChordMidpoint(double lon, double lat, double radiusKm)
    {
        double r = radiusKm * 1000;
        int n = GeodesicDisc.VertexCount(r);
        var ring = GeodesicDisc.Ring(lon, lat, r, n);
        for (int i = 0; i < n; i++)
        {
            double d = Wgs84Geodesic.Inverse(lon, lat, ring[i].X, ring[i].Y).DistanceM;
            Assert.True(Math.Abs(d - r) <= 5e-4 * r, $"vertex {i}: {d:F3} m vs {r} m");
        }

        // Chord midpoints in the projection where unions are computed: the deepest point of each edge.
        var metric = GeodesicDisc.MetricPolygon(lon, lat, r, n).ExteriorRing.Coordinates;
        for (int i = 1; i < metric.Length; i++)
        {
            var (mlon, mlat) = UkraineEqualArea.Instance.Inverse((metric[i - 1].X + metric[i].X) / 2, (metric[i - 1].Y + metric[i].Y) / 2);
            double d = Wgs84Geodesic.Inverse(lon, lat, mlon, mlat).DistanceM;
            Assert.True(Math.Abs(d - r) <= 5e-4 * r, $"midpoint {i}: {d:F3} m vs {r} m");
        }
    }

    [Theory]
    [MemberData(nameof(CentresAndRadii))]
    public void Disc_AreaInTheEqualAreaPlane_MatchesTheInscribedPolygonOfTheGeodesicCircle(double lon, double lat, double radiusKm)
    {
        // Reference: the geodesic disc's area on the ellipsoid, 2πR²(1 − cos(r/R)) with R the Gaussian radius at the
        // centre, times the inscribed n-gon's share of its circle, sin(2π/n)/(2π/n). LAEA preserves area, so the
        // projected polygon must agree to well within 0.1 %.
        double r = radiusKm * 1000;
        int n = GeodesicDisc.VertexCount(r);
        double expected = GeodesicDisc.TrueAreaM2(lat, r) * GeodesicDisc.InscribedAreaFactor(n);
        double actual = GeodesicDisc.MetricPolygon(lon, lat, r, n).Area;
        Assert.True(Math.Abs(actual / expected - 1) <= 1e-3, $"area {actual:E6} vs {expected:E6} ({actual / expected - 1:E2})");
    }

    [Fact]
    public void TrueArea_OfASmallDisc_ApproachesPiRSquared()
    {
        // For r ≪ R the cap 2πR²(1 − cos(r/R)) = πr²(1 − r²/(12R²) + …): 1 km → πr² to 1e-8.
        Assert.Equal(Math.PI * 1e6, GeodesicDisc.TrueAreaM2(48, 1000), 1e-2);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(8_000)]
    [InlineData(40_000)]
    [InlineData(150_000)]
    [InlineData(250_000)]
    [InlineData(1_000_000)]
    public void VertexCount_KeepsTheSagittaWithinBothCaps_InMultiplesOfEight(double radiusM)
    {
        int n = GeodesicDisc.VertexCount(radiusM);
        double sagitta = radiusM * (1 - Math.Cos(Math.PI / n));
        Assert.Equal(0, n % 8);
        Assert.True(sagitta <= Math.Min(GeodesicDisc.DefaultMaxDeviationM, GeodesicDisc.DefaultMaxRelativeDeviation * radiusM) + 1e-9,
            $"n = {n}, sagitta {sagitta:F2} m");
        // …and it is the smallest such multiple of 8 (fewer vertices would break a cap).
        int fewer = n - 8;
        double fewerSagitta = radiusM * (1 - Math.Cos(Math.PI / fewer));
        Assert.True(n == 16 || fewerSagitta > Math.Min(GeodesicDisc.DefaultMaxDeviationM, GeodesicDisc.DefaultMaxRelativeDeviation * radiusM));
    }

    [Fact]
    public void VertexCount_ForTheBenchmarkRadii_IsWhatTheDocsSay()
    {
        Assert.Equal(224, GeodesicDisc.VertexCount(250_000));
        Assert.Equal(176, GeodesicDisc.VertexCount(150_000));
        Assert.Equal(112, GeodesicDisc.VertexCount(8_000));
    }

    [Fact]
    public void Wgs84Polygon_IsAValidCounterClockwiseRing()
    {
        var disc = GeodesicDisc.Wgs84Polygon(30, 50, 100_000);
        Assert.True(disc.IsValid);
        Assert.True(Orientation.IsCCW(disc.ExteriorRing.CoordinateSequence));
        Assert.Equal(4326, disc.SRID);
    }

    [Fact]
    public void VertexCount_RejectsANonPositiveRadius()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GeodesicDisc.VertexCount(0));
        Assert.Contains("radius", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
