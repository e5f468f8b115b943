using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace HubPlanner.Core.Geo;

/// <summary>
/// Lambert azimuthal equal-area projection centred on Ukraine (48.5° N, 31.5° E), metres. Every area,
/// union and clip is computed here, never in degrees: distortion stays ≤ 0.2 % across the country.
/// </summary>
public sealed class UkraineEqualArea
{
    /// <summary>WKT of the projected coordinate system.</summary>
    public const string Wkt =
        "PROJCS[\"Ukraine LAEA\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Lambert_Azimuthal_Equal_Area\"]," +
        "PARAMETER[\"latitude_of_center\",48.5],PARAMETER[\"longitude_of_center\",31.5]," +
        "PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";

    private readonly MathTransform _forward;
    private readonly MathTransform _inverse;

    /// <summary>The shared instance (the transforms are stateless once built).</summary>
    public static UkraineEqualArea Instance { get; } = new();

    private UkraineEqualArea()
    {
        var factory = new CoordinateSystemFactory();
        var projected = (ProjectedCoordinateSystem)factory.CreateFromWkt(Wkt);
        var transform = new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, projected);
        _forward = transform.MathTransform;
        _inverse = transform.MathTransform.Inverse();
    }

    /// <summary>Projects one lon/lat pair to metres.</summary>
    public (double X, double Y) Forward(double lon, double lat)
    {
        double x = lon, y = lat, z = 0;
        _forward.Transform(ref x, ref y, ref z);
        return (x, y);
    }

    /// <summary>Unprojects metres to lon/lat.</summary>
    public (double Lon, double Lat) Inverse(double x, double y)
    {
        // ProjNET 2.0 returns longitude 0 within ~0.6 mm of the centre; nudge off it.
        if (Math.Abs(x) < 0.001 && Math.Abs(y) < 0.001)
        {
            x = 0.001;
        }

        double lon = x, lat = y, z = 0;
        _inverse.Transform(ref lon, ref lat, ref z);
        return (lon, lat);
    }

    /// <summary>Projects a lon/lat geometry into the metric plane (returns a new geometry, SRID 0).</summary>
    public Geometry Project(Geometry wgs84)
    {
        var copy = GeoFactory.Metric.CreateGeometry(wgs84);
        copy.Apply(new ProjectionFilter(this, forward: true));
        copy.SRID = 0;
        return copy;
    }

    /// <summary>Unprojects a metric geometry back to lon/lat (returns a new geometry, SRID 4326).</summary>
    public Geometry Unproject(Geometry metric)
    {
        var copy = GeoFactory.Wgs84.CreateGeometry(metric);
        copy.Apply(new ProjectionFilter(this, forward: false));
        copy.SRID = GeoFactory.Wgs84Srid;
        return copy;
    }

    /// <summary>Area in km² of a lon/lat polygonal geometry, computed in the projection.</summary>
    public double AreaKm2(Geometry wgs84) => Project(wgs84).Area / 1e6;

    private sealed class ProjectionFilter(UkraineEqualArea projection, bool forward) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (int i = 0; i < seq.Count; i++)
            {
                var (a, b) = forward
                    ? projection.Forward(seq.GetX(i), seq.GetY(i))
                    : projection.Inverse(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, a);
                seq.SetY(i, b);
            }
        }
    }
}
