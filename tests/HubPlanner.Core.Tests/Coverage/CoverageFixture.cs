using HubPlanner.Core.Coverage;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Tests.Coverage;

/// <summary>
/// Tiny fixtures with known answers. The airspace is a square in the equal-area plane (so its area is exact:
/// side² km²), centred on (31.5° E, 48.5° N); assets are placed by geodesic offsets from that centre.
/// </summary>
internal static class CoverageFixture
{
    public const double CentreLon = 31.5;
    public const double CentreLat = 48.5;

    /// <summary>A lon/lat polygon that is the square [-h, h]² km in the Ukraine LAEA plane: area (2h)² km².</summary>
    public static Polygon Square(double halfSideKm, double offsetXKm = 0, double offsetYKm = 0)
    {
        double h = halfSideKm * 1000, ox = offsetXKm * 1000, oy = offsetYKm * 1000;
        var metric = GeoFactory.Metric.CreatePolygon(
        [
            new Coordinate(ox - h, oy - h), new Coordinate(ox + h, oy - h), new Coordinate(ox + h, oy + h),
            new Coordinate(ox - h, oy + h), new Coordinate(ox - h, oy - h),
        ]);
        return (Polygon)UkraineEqualArea.Instance.Unproject(metric);
    }

    /// <summary>The point reached from the centre going <paramref name="km"/> on <paramref name="azimuthDeg"/>.</summary>
    public static (double Lon, double Lat) At(double azimuthDeg, double km)
        => km == 0 ? (CentreLon, CentreLat) : Wgs84Geodesic.Direct(CentreLon, CentreLat, azimuthDeg, km * 1000);

    /// <summary>An air-only asset with a 30 m mast (horizon at 10 km altitude ≈ 435 km, so radii ≤ 400 km are not cut).</summary>
    public static CoverageAsset Air(string id, string hub, (double Lon, double Lat) at, double radiusKm)
        => new(id, hub, "radar", at.Lon, at.Lat, radiusKm, 0, 30);

    /// <summary>Area (km²) of the polygon the stage uses for a disc of <paramref name="radiusKm"/> at latitude <paramref name="lat"/>.</summary>
    public static double DiscPolygonKm2(double lat, double radiusKm)
    {
        double r = radiusKm * 1000;
        return GeodesicDisc.TrueAreaM2(lat, r) * GeodesicDisc.InscribedAreaFactor(GeodesicDisc.VertexCount(r)) / 1e6;
    }

    /// <summary>One band at 10 km altitude: no horizon cut for 30 m masts.</summary>
    public static IReadOnlyList<double> HighBand { get; } = [10_000];
}
