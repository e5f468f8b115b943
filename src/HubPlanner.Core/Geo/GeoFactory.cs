using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Geo;

/// <summary>
/// The one geometry factory of HubPlanner: WGS84 lon/lat (SRID 4326), floating precision, and the
/// OverlayNG engine (the classic overlay throws on the Ukraine ∪ Crimea union).
/// </summary>
public static class GeoFactory
{
    /// <summary>EPSG code of WGS84 geographic coordinates, used for everything at rest.</summary>
    public const int Wgs84Srid = 4326;

    /// <summary>Geometry services configured once for the whole process.</summary>
    public static NtsGeometryServices Services { get; } = new(
        NetTopologySuite.Geometries.Implementation.CoordinateArraySequenceFactory.Instance,
        PrecisionModel.Floating.Value,
        Wgs84Srid,
        GeometryOverlay.NG,
        new CoordinateEqualityComparer());

    /// <summary>Factory for lon/lat geometries (SRID 4326).</summary>
    public static GeometryFactory Wgs84 { get; } = Services.CreateGeometryFactory(Wgs84Srid);

    /// <summary>Factory for projected, metric geometries (SRID 0: the Ukraine LAEA plane).</summary>
    public static GeometryFactory Metric { get; } = Services.CreateGeometryFactory(0);

    /// <summary>A lon/lat point.</summary>
    public static Point Point(double lon, double lat) => Wgs84.CreatePoint(new Coordinate(lon, lat));
}
