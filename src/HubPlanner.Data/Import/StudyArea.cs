using System.Globalization;
using HubPlanner.Core.Geo;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace HubPlanner.Data.Import;

/// <summary>
/// The study area (the stored border, or the border of the same dataset on init) against which imported
/// positions are checked. Distances and areas are measured in metres in the equal-area projection
/// (<see cref="UkraineEqualArea"/>), never in degrees.
/// </summary>
public sealed class StudyArea
{
    /// <summary>Sites, places and demand points must lie inside the border or at most this far outside it.</summary>
    public const double PointToleranceM = 5_000;

    /// <summary>Entry points (border crossings, airheads, ports abroad) must lie at most this far from the border.</summary>
    public const double EntryPointToleranceM = 300_000;

    /// <summary>A new border may differ from the one it replaces (or from the declared expected area) by this fraction.</summary>
    public const double BorderAreaTolerance = 0.05;

    private readonly Geometry _metric;
    private readonly IndexedPointInAreaLocator _inside;
    private readonly IndexedFacetDistance _distance;

    private StudyArea(Geometry wgs84)
    {
        Wgs84 = wgs84;
        _metric = UkraineEqualArea.Instance.Project(wgs84);
        _inside = new IndexedPointInAreaLocator(_metric);
        _distance = new IndexedFacetDistance(_metric);
        AreaKm2 = _metric.Area / 1e6;
    }

    /// <summary>The border, lon/lat.</summary>
    public Geometry Wgs84 { get; }

    /// <summary>Its area in km² (equal-area projection).</summary>
    public double AreaKm2 { get; }

    /// <summary>The study area of the given border polygons, or null when there are none (no check possible).</summary>
    public static StudyArea? Of(IEnumerable<Geometry> border)
    {
        var parts = border.Where(g => g is Polygon or MultiPolygon && !g.IsEmpty).ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var union = parts.Count == 1 ? parts[0] : GeoFactory.Wgs84.BuildGeometry(parts).Union();
        return new StudyArea(union);
    }

    /// <summary>Metres from the border to the point: 0 inside, +∞ where the projection cannot place it.</summary>
    public double DistanceOutsideM(double lon, double lat)
    {
        var (x, y) = UkraineEqualArea.Instance.Forward(lon, lat);
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            return double.PositiveInfinity;
        }

        var c = new Coordinate(x, y);
        if (_inside.Locate(c) != Location.Exterior)
        {
            return 0;
        }

        return _distance.Distance(GeoFactory.Metric.CreatePoint(c));
    }

    /// <summary>True if the lon/lat geometry shares at least one point with the study area.</summary>
    public bool Intersects(Geometry wgs84) => Wgs84.Intersects(wgs84);

    /// <summary>"12.3 km outside the border (at most 5 km allowed)" for messages.</summary>
    public static string Describe(double distanceM, double toleranceM) => double.IsPositiveInfinity(distanceM)
        ? string.Create(CultureInfo.InvariantCulture, $"a position far outside the study area (at most {toleranceM / 1000:0.#} km outside the border allowed)")
        : string.Create(CultureInfo.InvariantCulture,
            $"a position {distanceM / 1000:0.#} km outside the border of the study area (at most {toleranceM / 1000:0.#} km allowed)");
}
