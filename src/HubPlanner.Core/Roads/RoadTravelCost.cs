using System.Collections.Concurrent;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Roads;

/// <summary>Which many-to-many search computes road matrices.</summary>
public enum MatrixAlgorithm
{
    /// <summary>Contraction hierarchy for graphs of at least <see cref="RoadTravelCostOptions.ContractionMinNodes"/> nodes, Dijkstra below.</summary>
    Auto,

    /// <summary>Parallel one-to-all Dijkstra per source.</summary>
    Dijkstra,

    /// <summary>Contraction hierarchy with bucket many-to-many queries (preprocessed once per vehicle profile).</summary>
    ContractionHierarchy,
}

/// <summary>Options of road travel costs.</summary>
/// <param name="OffRoadSpeedKmh">Speed of the leg between a point and its snapped road position.</param>
/// <param name="MaxSnapDistanceM">A point farther than this from every road is not reachable by road.</param>
/// <param name="Algorithm">Matrix algorithm.</param>
/// <param name="ContractionMinNodes">Graph size from which <see cref="MatrixAlgorithm.Auto"/> uses the hierarchy.</param>
/// <param name="Contraction">Contraction tuning (null: defaults).</param>
public sealed record RoadTravelCostOptions(
    double OffRoadSpeedKmh = 30,
    double MaxSnapDistanceM = 25_000,
    MatrixAlgorithm Algorithm = MatrixAlgorithm.Auto,
    int ContractionMinNodes = 20_000,
    ContractionOptions? Contraction = null)
{
    /// <summary>Throws if a value is out of range.</summary>
    public void Validate()
    {
        if (!(OffRoadSpeedKmh > 0) || !double.IsFinite(OffRoadSpeedKmh))
        {
            throw new ArgumentException($"off-road speed must be positive, not {OffRoadSpeedKmh} km/h");
        }

        if (!(MaxSnapDistanceM > 0) || !double.IsFinite(MaxSnapDistanceM))
        {
            throw new ArgumentException($"snap distance must be positive, not {MaxSnapDistanceM} m");
        }

        Contraction?.Validate();
    }
}

/// <summary>A route between two points over the road network.</summary>
/// <param name="RoadNumbers">Road numbers along the way, in order, consecutive repeats removed.</param>
/// <param name="EdgeIds">Road edges driven (wholly or partly), in order.</param>
/// <param name="Geometry">Lon/lat polyline: off-road leg, partial edge, whole edges, partial edge, off-road leg.</param>
public sealed record RoadRoute(GeoPoint From, GeoPoint To, double DistanceKm, double TimeMin,
    IReadOnlyList<string> RoadNumbers, IReadOnlyList<long> EdgeIds, LineString Geometry);

/// <summary>A route, or why there is none.</summary>
public sealed record RouteResult(RoadRoute? Route, UnreachablePair? Unreachable);

/// <summary>
/// Travel costs over the road network: points are snapped to their nearest open road (per vehicle), the off-road leg
/// is driven at <see cref="RoadTravelCostOptions.OffRoadSpeedKmh"/>, and the network part comes from Dijkstra or a
/// contraction hierarchy (cached per vehicle profile). Both give identical matrices. Thread-safe.
/// </summary>
public sealed class RoadTravelCost : ITravelCostProvider
{
    private readonly ConcurrentDictionary<VehicleProfile, Lazy<ContractionHierarchy>> _hierarchies = new();

    /// <summary>Creates the provider over <paramref name="graph"/>.</summary>
    public RoadTravelCost(RoadGraph graph, RoadTravelCostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new RoadTravelCostOptions();
        options.Validate();
        Graph = graph;
        Options = options;
    }

    /// <summary>The road graph.</summary>
    public RoadGraph Graph { get; }

    /// <summary>The options.</summary>
    public RoadTravelCostOptions Options { get; }

    /// <summary>The contraction hierarchy for a vehicle, built on first use and kept.</summary>
    public ContractionHierarchy HierarchyFor(VehicleType? vehicle, CancellationToken cancellationToken = default)
    {
        var profile = VehicleProfile.Of(vehicle);
        var lazy = _hierarchies.GetOrAdd(profile, p => new Lazy<ContractionHierarchy>(
            () => ContractionHierarchy.Build(Graph.CostGraphFor(p), Options.Contraction, null, cancellationToken)));
        try
        {
            return lazy.Value;
        }
        catch (OperationCanceledException)
        {
            // A cancelled build must not stay cached as a failure: the next caller builds again.
            _hierarchies.TryRemove(new KeyValuePair<VehicleProfile, Lazy<ContractionHierarchy>>(profile, lazy));
            throw;
        }
    }

    /// <summary>Snaps a point for a vehicle with the configured distance limit.</summary>
    public SnapResult Snap(GeoPoint point, VehicleType? vehicle) => Graph.Snapper.Snap(point, vehicle, Options.MaxSnapDistanceM);

    /// <inheritdoc/>
    public TravelMatrix Compute(IReadOnlyList<GeoPoint> from, IReadOnlyList<GeoPoint> to, VehicleType? vehicle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var profile = VehicleProfile.Of(vehicle);
        var fromEnds = SnapAll(from, vehicle, profile, cancellationToken);
        var toEnds = SnapAll(to, vehicle, profile, cancellationToken);
        var sourceSeeds = fromEnds.Select(e => e.Snapped is null ? [] : e.OutSeeds).ToArray();
        var targetSeeds = toEnds.Select(e => e.Snapped is null ? [] : e.InSeeds).ToArray();
        long[] network = UseHierarchy()
            ? HierarchyFor(vehicle, cancellationToken).ComputeMatrix(sourceSeeds, targetSeeds, cancellationToken: cancellationToken)
            : DijkstraMatrix.Compute(Graph.CostGraphFor(profile), sourceSeeds, targetSeeds, cancellationToken: cancellationToken);

        int rows = from.Count, cols = to.Count;
        var metres = new double[rows * cols];
        var seconds = new double[rows * cols];
        var reachable = new bool[rows * cols];
        var unreachable = new List<UnreachablePair>();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                int k = (i * cols) + j;
                var a = fromEnds[i];
                var b = toEnds[j];
                if (a.Point.Lon == b.Point.Lon && a.Point.Lat == b.Point.Lat)
                {
                    reachable[k] = true;
                    continue;
                }

                if (a.Problem is not null || b.Problem is not null)
                {
                    unreachable.Add(new UnreachablePair(a.Point.Id, a.Point.Name, b.Point.Id, b.Point.Name, a.Problem ?? b.Problem!));
                    continue;
                }

                long cost = Math.Min(network[k], Endpoint.Direct(a, b));
                if (cost == RoadCost.Infinity)
                {
                    unreachable.Add(NoPath(a.Point, b.Point, vehicle));
                    continue;
                }

                reachable[k] = true;
                (metres[k], seconds[k]) = ToUnits(cost, a, b);
            }
        }

        return TravelMatrix.Create(from, to, metres, seconds, reachable, unreachable);
    }

    /// <summary>The fastest route between two points (same costs as <see cref="Compute"/>), with geometry and road numbers.</summary>
    public RouteResult Route(GeoPoint from, GeoPoint to, VehicleType? vehicle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return Route(Snap(from, vehicle), Snap(to, vehicle), vehicle, cancellationToken);
    }

    /// <summary>The fastest route between two already snapped points.</summary>
    public RouteResult Route(SnapResult from, SnapResult to, VehicleType? vehicle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var profile = VehicleProfile.Of(vehicle);
        var a = new Endpoint(Graph, from, profile);
        var b = new Endpoint(Graph, to, profile);
        if (a.Point.Lon == b.Point.Lon && a.Point.Lat == b.Point.Lat)
        {
            var here = new Coordinate(a.Point.Lon, a.Point.Lat);
            return new RouteResult(new RoadRoute(a.Point, b.Point, 0, 0, [], [], GeoFactory.Wgs84.CreateLineString([here, here.Copy()])), null);
        }

        if (a.Problem is not null || b.Problem is not null)
        {
            return new RouteResult(null, new UnreachablePair(a.Point.Id, a.Point.Name, b.Point.Id, b.Point.Name, a.Problem ?? b.Problem!));
        }

        var graph = Graph.CostGraphFor(profile);
        long direct = Endpoint.Direct(a, b);
        List<int>? arcs = null;
        int fromSeed = -1, toSeed = -1;
        long cost = RoadCost.Infinity;
        if (UseHierarchy())
        {
            var path = HierarchyFor(vehicle, cancellationToken).ShortestPath(a.OutSeeds, b.InSeeds);
            if (path is not null)
            {
                (fromSeed, toSeed, cost) = (path.FromSeed, path.ToSeed, path.Cost);
                arcs = ArcsAlong(graph, path.Nodes);
            }
        }
        else
        {
            var path = DijkstraMatrix.ShortestPath(graph, a.OutSeeds, b.InSeeds, cancellationToken);
            if (path is not null)
            {
                (fromSeed, toSeed, cost, arcs) = (path.FromSeed, path.ToSeed, path.Cost, [.. path.Arcs]);
            }
        }

        if (direct <= cost)
        {
            cost = direct;
            arcs = null;
        }

        if (cost == RoadCost.Infinity)
        {
            return new RouteResult(null, NoPath(a.Point, b.Point, vehicle));
        }

        var coords = new List<Coordinate> { new(a.Point.Lon, a.Point.Lat), new(a.Snapped!.Lon, a.Snapped.Lat) };
        var edges = new List<int>();
        var aLine = Graph.Edges[a.Snapped.EdgeIndex].Geometry.Coordinates;
        var bLine = Graph.Edges[b.Snapped!.EdgeIndex].Geometry.Coordinates;
        if (arcs is null)
        {
            // Along one edge, forwards or backwards.
            edges.Add(a.Snapped.EdgeIndex);
            if (b.Snapped.Fraction >= a.Snapped.Fraction)
            {
                for (int i = a.Snapped.SegmentIndex + 1; i <= b.Snapped.SegmentIndex; i++)
                {
                    coords.Add(aLine[i]);
                }
            }
            else
            {
                for (int i = a.Snapped.SegmentIndex; i > b.Snapped.SegmentIndex; i--)
                {
                    coords.Add(aLine[i]);
                }
            }
        }
        else
        {
            // The snapped edges count as driven only if some of them is (a point snapped onto a node drives none).
            if (a.OutSeeds[fromSeed].Cost != 0)
            {
                edges.Add(a.Snapped.EdgeIndex);
            }

            if (fromSeed == 0)
            {
                for (int i = a.Snapped.SegmentIndex + 1; i < aLine.Length; i++)
                {
                    coords.Add(aLine[i]);
                }
            }
            else
            {
                for (int i = a.Snapped.SegmentIndex; i >= 0; i--)
                {
                    coords.Add(aLine[i]);
                }
            }

            foreach (int arc in arcs)
            {
                int tag = graph.Tag[arc];
                int e = tag >> 1;
                edges.Add(e);
                var line = Graph.Edges[e].Geometry.Coordinates;
                if ((tag & 1) == 0)
                {
                    coords.AddRange(line);
                }
                else
                {
                    for (int i = line.Length - 1; i >= 0; i--)
                    {
                        coords.Add(line[i]);
                    }
                }
            }

            if (b.InSeeds[toSeed].Cost != 0)
            {
                edges.Add(b.Snapped.EdgeIndex);
            }

            if (toSeed == 0)
            {
                for (int i = 0; i <= b.Snapped.SegmentIndex; i++)
                {
                    coords.Add(bLine[i]);
                }
            }
            else
            {
                for (int i = bLine.Length - 1; i > b.Snapped.SegmentIndex; i--)
                {
                    coords.Add(bLine[i]);
                }
            }
        }

        coords.Add(new Coordinate(b.Snapped.Lon, b.Snapped.Lat));
        coords.Add(new Coordinate(b.Point.Lon, b.Point.Lat));
        var clean = new List<Coordinate>(coords.Count);
        foreach (var c in coords)
        {
            if (clean.Count == 0 || !clean[^1].Equals2D(c))
            {
                clean.Add(c.Copy());
            }
        }

        if (clean.Count == 1)
        {
            clean.Add(clean[0].Copy());
        }

        var roadNumbers = new List<string>();
        var edgeIds = new List<long>();
        foreach (int e in edges)
        {
            long id = Graph.Edges[e].Id;
            if (edgeIds.Count == 0 || edgeIds[^1] != id)
            {
                edgeIds.Add(id);
            }

            string? number = Graph.Edges[e].RoadNumber;
            if (!string.IsNullOrWhiteSpace(number) && (roadNumbers.Count == 0 || roadNumbers[^1] != number))
            {
                roadNumbers.Add(number);
            }
        }

        var (m, s) = ToUnits(cost, a, b);
        return new RouteResult(new RoadRoute(a.Point, b.Point, m / 1000, s / 60, roadNumbers, edgeIds,
            GeoFactory.Wgs84.CreateLineString([.. clean])), null);
    }

    private bool UseHierarchy() => Options.Algorithm switch
    {
        MatrixAlgorithm.ContractionHierarchy => true,
        MatrixAlgorithm.Dijkstra => false,
        _ => Graph.Nodes.Count >= Options.ContractionMinNodes,
    };

    private (double Metres, double Seconds) ToUnits(long cost, Endpoint a, Endpoint b)
    {
        double offRoad = a.Snapped!.OffRoadM + b.Snapped!.OffRoadM;
        return (RoadCost.LengthM(cost) + offRoad, (RoadCost.TimeMs(cost) / 1000.0) + (offRoad * 3.6 / Options.OffRoadSpeedKmh));
    }

    private static UnreachablePair NoPath(GeoPoint a, GeoPoint b, VehicleType? vehicle) => new(a.Id, a.Name, b.Id, b.Name,
        $"no road route from '{a.Name}' to '{b.Name}'{(vehicle is null ? "" : $" for {vehicle.Name}")}: the roads they meet are not connected that way (one-way or closed roads, or separate networks)");

    /// <summary>Cheapest arc between each pair of consecutive nodes (the arc any shortest-path search would take).</summary>
    private static List<int> ArcsAlong(CostGraph graph, IReadOnlyList<int> nodes)
    {
        var arcs = new List<int>(nodes.Count);
        for (int i = 0; i + 1 < nodes.Count; i++)
        {
            int best = -1;
            for (int a = graph.FirstOut[nodes[i]]; a < graph.FirstOut[nodes[i] + 1]; a++)
            {
                if (graph.Head[a] == nodes[i + 1] && (best < 0 || graph.Weight[a] < graph.Weight[best]))
                {
                    best = a;
                }
            }

            arcs.Add(best >= 0 ? best : throw new InvalidOperationException($"unpacked path steps {nodes[i]}->{nodes[i + 1]} without an arc"));
        }

        return arcs;
    }

    private Endpoint[] SnapAll(IReadOnlyList<GeoPoint> points, VehicleType? vehicle, VehicleProfile profile, CancellationToken ct)
    {
        var result = new Endpoint[points.Count];
        Parallel.For(0, points.Count, new ParallelOptions { CancellationToken = ct }, i =>
            result[i] = new Endpoint(Graph, Snap(points[i], vehicle), profile));
        return result;
    }

    /// <summary>A snapped point with its partial-edge costs and search seeds for one vehicle profile.</summary>
    private sealed class Endpoint
    {
        public Endpoint(RoadGraph graph, SnapResult snap, VehicleProfile profile)
        {
            Point = snap.Point;
            Snapped = snap.Snapped;
            Problem = snap.Problem;
            if (Snapped is null)
            {
                OutSeeds = InSeeds = [];
                return;
            }

            int e = Snapped.EdgeIndex;
            long length = graph.EdgeLengthM(e);
            long time = graph.EdgeTimeMs(e, profile);
            LengthBefore = (long)Math.Round(Snapped.Fraction * length);
            TimeBefore = (long)Math.Round(Snapped.Fraction * time);
            long before = RoadCost.Pack(TimeBefore, LengthBefore);
            long after = RoadCost.Pack(time - TimeBefore, length - LengthBefore);
            OneWay = graph.Edges[e].OneWay;
            int start = graph.EdgeFrom(e), end = graph.EdgeTo(e);
            OutSeeds = OneWay ? [new(end, after)] : [new(end, after), new(start, before)];
            InSeeds = OneWay ? [new(start, before)] : [new(start, before), new(end, after)];
        }

        public GeoPoint Point { get; }

        public SnappedPoint? Snapped { get; }

        public string? Problem { get; }

        public bool OneWay { get; }

        public long LengthBefore { get; }

        public long TimeBefore { get; }

        /// <summary>Seeds of a search leaving the point: seed 0 drives along the polyline, seed 1 against it.</summary>
        public SearchSeed[] OutSeeds { get; }

        /// <summary>Seeds of a search arriving at the point: seed 0 arrives along the polyline, seed 1 against it.</summary>
        public SearchSeed[] InSeeds { get; }

        /// <summary>Cost of driving from a to b without leaving their common edge (infinity if not on one edge or against a one-way).</summary>
        public static long Direct(Endpoint a, Endpoint b)
        {
            if (a.Snapped is null || b.Snapped is null || a.Snapped.EdgeIndex != b.Snapped.EdgeIndex)
            {
                return RoadCost.Infinity;
            }

            if (b.Snapped.Fraction >= a.Snapped.Fraction)
            {
                return RoadCost.Pack(b.TimeBefore - a.TimeBefore, b.LengthBefore - a.LengthBefore);
            }

            return a.OneWay ? RoadCost.Infinity : RoadCost.Pack(a.TimeBefore - b.TimeBefore, a.LengthBefore - b.LengthBefore);
        }
    }
}
