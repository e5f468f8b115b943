using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Geo;

/// <summary>
/// A disc of given ground radius around a point, as a polygon whose vertices are computed on the WGS84
/// ellipsoid with <see cref="Wgs84Geodesic.Direct"/> (never a buffer in degrees, which would be an ellipse
/// squashed by cos φ).
/// </summary>
/// <remarks>
/// <para><b>Vertex count.</b> Every vertex lies on the true geodesic circle (to Vincenty's sub-millimetre
/// accuracy); between two vertices the straight chord cuts inside the circle by the sagitta
/// s = r (1 − cos(π/n)). <see cref="VertexCount"/> picks the smallest n (a multiple of 8) that keeps
/// s ≤ min(<c>maxDeviationM</c>, <c>maxRelativeDeviation</c> · r): by default 25 m and 0.04 % of r. So the
/// boundary is everywhere within 0.04 % of the requested radius (vertices exact, chord midpoints at most
/// 0.04 % short), large discs keep every point within 25 m of the true circle (250 km → 224 vertices,
/// 150 km → 176) and small ones get at least 112 (0.04 % of 8 km is 3.2 m).</para>
/// <para><b>Area error.</b> The inscribed n-gon has area (n/2) ρ² sin(2π/n) = π ρ² · sinc, sinc =
/// sin(2π/n)/(2π/n) ≈ 1 − (2π/n)²/6 ≈ 1 − (4/3)(s/r): at most 0.053 % below the true disc with the defaults
/// (0.013 % for 250 km). A union of discs therefore loses at most ≈ (2/3)·s per metre of its boundary.</para>
/// </remarks>
public static class GeodesicDisc
{
    /// <summary>Default cap on the chord-to-arc distance (m).</summary>
    public const double DefaultMaxDeviationM = 25;

    /// <summary>Default cap on the chord-to-arc distance relative to the radius.</summary>
    public const double DefaultMaxRelativeDeviation = 4e-4;

    /// <summary>Smallest multiple of 8 vertices keeping the sagitta within both caps (at least 16, at most 4096).</summary>
    public static int VertexCount(double radiusM, double maxDeviationM = DefaultMaxDeviationM,
        double maxRelativeDeviation = DefaultMaxRelativeDeviation)
    {
        if (!(radiusM > 0) || double.IsInfinity(radiusM))
        {
            throw new ArgumentOutOfRangeException(nameof(radiusM), $"Disc radius must be finite and > 0 m, was {radiusM}.");
        }

        if (!(maxDeviationM > 0) || !(maxRelativeDeviation > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDeviationM), "Deviation caps must be > 0.");
        }

        double relative = Math.Min(maxDeviationM / radiusM, maxRelativeDeviation);
        relative = Math.Min(relative, 0.5);
        int n = (int)Math.Ceiling(Math.PI / Math.Acos(1 - relative));
        n = (n + 7) / 8 * 8;
        return Math.Clamp(n, 16, 4096);
    }

    /// <summary>Ratio of the inscribed regular n-gon's area to its circle's area: sin(2π/n) / (2π/n).</summary>
    public static double InscribedAreaFactor(int vertexCount)
    {
        double t = 2 * Math.PI / vertexCount;
        return Math.Sin(t) / t;
    }

    /// <summary>
    /// Closed lon/lat ring (first = last, counter-clockwise) of <paramref name="vertexCount"/> points at geodesic
    /// distance <paramref name="radiusM"/> from the centre, at equally spaced azimuths starting north.
    /// </summary>
    public static Coordinate[] Ring(double lon, double lat, double radiusM, int vertexCount)
    {
        if (vertexCount < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(vertexCount), $"A disc needs at least 4 vertices, got {vertexCount}.");
        }

        var ring = new Coordinate[vertexCount + 1];
        for (int i = 0; i < vertexCount; i++)
        {
            // Azimuth decreasing = counter-clockwise seen from above (azimuths run clockwise from north).
            double azimuth = 360.0 * (vertexCount - i) / vertexCount % 360.0;
            var (x, y) = Wgs84Geodesic.Direct(lon, lat, azimuth, radiusM);
            ring[i] = new Coordinate(x, y);
        }

        ring[vertexCount] = ring[0].Copy();
        return ring;
    }

    /// <summary>The disc as a lon/lat polygon (SRID 4326); vertex count from <see cref="VertexCount"/> unless given.</summary>
    public static Polygon Wgs84Polygon(double lon, double lat, double radiusM, int? vertexCount = null)
        => GeoFactory.Wgs84.CreatePolygon(Ring(lon, lat, radiusM, vertexCount ?? VertexCount(radiusM)));

    /// <summary>
    /// The disc projected into the Ukraine equal-area plane (SRID 0, metres). Vertices are computed on the
    /// ellipsoid and then projected, so the polygon's planar area is its area on the ellipsoid.
    /// </summary>
    public static Polygon MetricPolygon(double lon, double lat, double radiusM, int vertexCount)
    {
        var ring = Ring(lon, lat, radiusM, vertexCount);
        var projection = UkraineEqualArea.Instance;
        for (int i = 0; i < vertexCount; i++)
        {
            var (x, y) = projection.Forward(ring[i].X, ring[i].Y);
            ring[i] = new Coordinate(x, y);
        }

        ring[vertexCount] = ring[0].Copy();
        return GeoFactory.Metric.CreatePolygon(ring);
    }

    /// <summary>
    /// Area (m²) of a geodesic disc of radius <paramref name="radiusM"/> centred at latitude
    /// <paramref name="lat"/>: the spherical cap 2πR²(1 − cos(r/R)) on the osculating sphere of radius
    /// R = √(M N) (Gaussian curvature radius at the centre). For r ≤ 500 km in Ukraine its error against the
    /// ellipsoidal disc is of the order of (r/R)² · e² ≈ 4e-5 relative, far below the polygon's own error.
    /// </summary>
    public static double TrueAreaM2(double lat, double radiusM)
    {
        double r = GaussianRadiusM(lat);
        return 2 * Math.PI * r * r * (1 - Math.Cos(radiusM / r));
    }

    /// <summary>Gaussian radius of curvature √(M N) of the WGS84 ellipsoid at a latitude (m).</summary>
    public static double GaussianRadiusM(double lat)
    {
        double e2 = Wgs84Geodesic.F * (2 - Wgs84Geodesic.F);
        double s = Math.Sin(lat * Math.PI / 180);
        double w = 1 - e2 * s * s;
        double meridional = Wgs84Geodesic.A * (1 - e2) / Math.Pow(w, 1.5);
        double normal = Wgs84Geodesic.A / Math.Sqrt(w);
        return Math.Sqrt(meridional * normal);
    }
}
