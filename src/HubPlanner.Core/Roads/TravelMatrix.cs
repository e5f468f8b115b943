using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Roads;

/// <summary>A pair of points with no travel cost, and why, in a sentence.</summary>
public sealed record UnreachablePair(string FromId, string FromName, string ToId, string ToName, string Reason);

/// <summary>
/// Travel distances (m) and times (s) between two lists of points, row-major (from × to). A pair with no route holds
/// <see cref="NoRoute"/> in both arrays, is flagged by <see cref="IsReachable"/> and is listed, by name and with its
/// reason, in <see cref="Unreachable"/>. Immutable.
/// </summary>
public sealed class TravelMatrix
{
    /// <summary>The value of an unreachable pair: finite, so arithmetic stays finite, and far beyond any real trip.</summary>
    public const double NoRoute = 1e15;

    private readonly double[] _metres;
    private readonly double[] _seconds;
    private readonly bool[] _reachable;

    private TravelMatrix(IReadOnlyList<GeoPoint> from, IReadOnlyList<GeoPoint> to, double[] metres, double[] seconds, bool[] reachable, IReadOnlyList<UnreachablePair> unreachable)
    {
        From = from;
        To = to;
        _metres = metres;
        _seconds = seconds;
        _reachable = reachable;
        Unreachable = unreachable;
    }

    /// <summary>Row points.</summary>
    public IReadOnlyList<GeoPoint> From { get; }

    /// <summary>Column points.</summary>
    public IReadOnlyList<GeoPoint> To { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => From.Count;

    /// <summary>Number of columns.</summary>
    public int Cols => To.Count;

    /// <summary>Every pair without a route, with the reason.</summary>
    public IReadOnlyList<UnreachablePair> Unreachable { get; }

    /// <summary>Metres, row-major.</summary>
    public ReadOnlySpan<double> MetresRowMajor => _metres;

    /// <summary>Seconds, row-major.</summary>
    public ReadOnlySpan<double> SecondsRowMajor => _seconds;

    /// <summary>Distance in metres from row i to column j (<see cref="NoRoute"/> if unreachable).</summary>
    public double Metres(int i, int j) => _metres[Index(i, j)];

    /// <summary>Time in seconds from row i to column j (<see cref="NoRoute"/> if unreachable).</summary>
    public double Seconds(int i, int j) => _seconds[Index(i, j)];

    /// <summary>True if there is a route from row i to column j.</summary>
    public bool IsReachable(int i, int j) => _reachable[Index(i, j)];

    /// <summary>Builds a matrix, checking dimensions; unreachable cells are set to <see cref="NoRoute"/>.</summary>
    public static TravelMatrix Create(IReadOnlyList<GeoPoint> from, IReadOnlyList<GeoPoint> to, double[] metres, double[] seconds, bool[] reachable, IReadOnlyList<UnreachablePair> unreachable)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(metres);
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(reachable);
        ArgumentNullException.ThrowIfNull(unreachable);
        long cells = (long)from.Count * to.Count;
        if (metres.Length != cells || seconds.Length != cells || reachable.Length != cells)
        {
            throw new ArgumentException($"a {from.Count} x {to.Count} matrix needs {cells} cells; got metres {metres.Length}, seconds {seconds.Length}, flags {reachable.Length}");
        }

        for (int k = 0; k < cells; k++)
        {
            if (!reachable[k])
            {
                metres[k] = NoRoute;
                seconds[k] = NoRoute;
            }
            else if (!(metres[k] >= 0) || !(seconds[k] >= 0) || !double.IsFinite(metres[k]) || !double.IsFinite(seconds[k]))
            {
                throw new ArgumentException($"cell {k / Math.Max(1, to.Count)},{k % Math.Max(1, to.Count)} is reachable but holds {metres[k]} m / {seconds[k]} s");
            }
        }

        return new TravelMatrix(from, to, metres, seconds, reachable, unreachable);
    }

    private int Index(int i, int j)
    {
        if ((uint)i >= (uint)Rows || (uint)j >= (uint)Cols)
        {
            throw new ArgumentOutOfRangeException(nameof(i), $"cell ({i},{j}) is outside the {Rows} x {Cols} matrix");
        }

        return (i * Cols) + j;
    }
}

/// <summary>
/// The one travel-cost interface of HubPlanner: distances and times between points for a vehicle. Great-circle for
/// tests and quick estimates, the road network for real plans.
/// </summary>
public interface ITravelCostProvider
{
    /// <summary>Travel matrix from every point of <paramref name="from"/> to every point of <paramref name="to"/>.</summary>
    /// <param name="vehicle">Vehicle type (speed factor, gross weight); null for an unrestricted car at posted speeds.</param>
    TravelMatrix Compute(IReadOnlyList<GeoPoint> from, IReadOnlyList<GeoPoint> to, VehicleType? vehicle, CancellationToken cancellationToken);

    /// <summary>The route from one point to another with its geometry (for maps), or why there is none.</summary>
    /// <param name="vehicle">Vehicle type; null for an unrestricted car at posted speeds.</param>
    RouteResult Route(GeoPoint from, GeoPoint to, VehicleType? vehicle, CancellationToken cancellationToken);
}

/// <summary>Geodesic distance times a detour factor, driven at a constant speed (scaled by the vehicle's speed factor).</summary>
public sealed class GreatCircleTravelCost : ITravelCostProvider
{
    /// <summary>Creates the provider.</summary>
    /// <param name="detourFactor">Road distance over geodesic distance (≥ 1; 1.3 is typical of road networks).</param>
    /// <param name="speedKmh">Average speed before the vehicle's speed factor.</param>
    public GreatCircleTravelCost(double detourFactor = 1.3, double speedKmh = 60)
    {
        if (!(detourFactor >= 1) || !double.IsFinite(detourFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(detourFactor), $"detour factor must be at least 1, not {detourFactor}");
        }

        if (!(speedKmh > 0) || !double.IsFinite(speedKmh))
        {
            throw new ArgumentOutOfRangeException(nameof(speedKmh), $"speed must be positive, not {speedKmh}");
        }

        DetourFactor = detourFactor;
        SpeedKmh = speedKmh;
    }

    /// <summary>Road distance over geodesic distance.</summary>
    public double DetourFactor { get; }

    /// <summary>Average speed before the vehicle's speed factor.</summary>
    public double SpeedKmh { get; }

    /// <inheritdoc/>
    public TravelMatrix Compute(IReadOnlyList<GeoPoint> from, IReadOnlyList<GeoPoint> to, VehicleType? vehicle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        double speedMs = SpeedKmh * VehicleProfile.Of(vehicle).SpeedFactor / 3.6;
        var metres = new double[from.Count * to.Count];
        var seconds = new double[metres.Length];
        var reachable = new bool[metres.Length];
        for (int i = 0; i < from.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int j = 0; j < to.Count; j++)
            {
                int k = (i * to.Count) + j;
                metres[k] = from[i].DistanceTo(to[j]) * DetourFactor;
                seconds[k] = metres[k] / speedMs;
                reachable[k] = true;
            }
        }

        return TravelMatrix.Create(from, to, metres, seconds, reachable, []);
    }

    /// <inheritdoc/>
    /// <remarks>The geometry is the straight segment between the points; no road numbers or edges.</remarks>
    public RouteResult Route(GeoPoint from, GeoPoint to, VehicleType? vehicle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var matrix = Compute([from], [to], vehicle, cancellationToken);
        var line = GeoFactory.Wgs84.CreateLineString([new Coordinate(from.Lon, from.Lat), new Coordinate(to.Lon, to.Lat)]);
        return new RouteResult(new RoadRoute(from, to, matrix.Metres(0, 0) / 1000, matrix.Seconds(0, 0) / 60, [], [], line), null);
    }
}
