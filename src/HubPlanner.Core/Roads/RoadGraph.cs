using System.Collections.Concurrent;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;

namespace HubPlanner.Core.Roads;

/// <summary>How speeds are chosen where an edge does not give one, and how vehicles are treated.</summary>
/// <param name="DefaultSpeedsKmh">Speed by road class for edges whose own speed is not positive.</param>
public sealed record RoadGraphOptions(IReadOnlyDictionary<RoadClass, double> DefaultSpeedsKmh)
{
    /// <summary>Motorway 110, trunk 90, primary 80, secondary 60, tertiary 50 km/h.</summary>
    public static RoadGraphOptions Default { get; } = new(new Dictionary<RoadClass, double>
    {
        [RoadClass.Motorway] = 110,
        [RoadClass.Trunk] = 90,
        [RoadClass.Primary] = 80,
        [RoadClass.Secondary] = 60,
        [RoadClass.Tertiary] = 50,
    });
}

/// <summary>
/// The road network as a graph: node ids mapped to dense indices, every edge with its integer length, its base
/// speed and its weight limit, and for each vehicle profile (speed factor, gross weight) a cached
/// <see cref="CostGraph"/> in which arcs closed to that vehicle are left out. Immutable once created.
/// </summary>
public sealed class RoadGraph
{
    private readonly Dictionary<long, int> _nodeIndex;
    private readonly int[] _edgeFrom;
    private readonly int[] _edgeTo;
    private readonly int[] _edgeLengthM;
    private readonly double[] _edgeSpeedKmh;
    private readonly ConcurrentDictionary<VehicleProfile, CostGraph> _costGraphs = new();
    private readonly Lazy<RoadSnapper> _snapper;

    private RoadGraph(IReadOnlyList<RoadNode> nodes, IReadOnlyList<RoadEdge> edges, Dictionary<long, int> nodeIndex,
        int[] edgeFrom, int[] edgeTo, int[] edgeLengthM, double[] edgeSpeedKmh)
    {
        Nodes = nodes;
        Edges = edges;
        _nodeIndex = nodeIndex;
        _edgeFrom = edgeFrom;
        _edgeTo = edgeTo;
        _edgeLengthM = edgeLengthM;
        _edgeSpeedKmh = edgeSpeedKmh;
        _snapper = new Lazy<RoadSnapper>(() => new RoadSnapper(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The nodes, in index order.</summary>
    public IReadOnlyList<RoadNode> Nodes { get; }

    /// <summary>The edges, in index order.</summary>
    public IReadOnlyList<RoadEdge> Edges { get; }

    /// <summary>The spatial index of edge segments used to attach points to roads.</summary>
    public RoadSnapper Snapper => _snapper.Value;

    /// <summary>
    /// Builds the graph, checking that every edge joins known nodes and has a finite, non-negative length, a usable
    /// speed and a positive weight limit where one is given.
    /// </summary>
    public static RoadGraph Create(IReadOnlyList<RoadNode> nodes, IReadOnlyList<RoadEdge> edges, RoadGraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        options ??= RoadGraphOptions.Default;
        var index = new Dictionary<long, int>(nodes.Count);
        for (int i = 0; i < nodes.Count; i++)
        {
            if (!index.TryAdd(nodes[i].Id, i))
            {
                throw new ArgumentException($"road node id {nodes[i].Id} appears twice");
            }
        }

        int m = edges.Count;
        var from = new int[m];
        var to = new int[m];
        var length = new int[m];
        var speed = new double[m];
        for (int e = 0; e < m; e++)
        {
            var edge = edges[e];
            if (!index.TryGetValue(edge.FromNode, out from[e]))
            {
                throw new ArgumentException($"road edge {edge.Id} starts at unknown node {edge.FromNode}");
            }

            if (!index.TryGetValue(edge.ToNode, out to[e]))
            {
                throw new ArgumentException($"road edge {edge.Id} ends at unknown node {edge.ToNode}");
            }

            if (!double.IsFinite(edge.LengthM) || edge.LengthM < 0 || edge.LengthM > 1e7)
            {
                throw new ArgumentException($"road edge {edge.Id} has an invalid length {edge.LengthM} m");
            }

            if (edge.MaxWeightT is { } w && !(w > 0))
            {
                throw new ArgumentException($"road edge {edge.Id} has a non-positive weight limit {w} t");
            }

            if (edge.Geometry is null || edge.Geometry.NumPoints < 2)
            {
                throw new ArgumentException($"road edge {edge.Id} has no polyline (needs at least 2 points)");
            }

            double s = edge.SpeedKmh > 0 && double.IsFinite(edge.SpeedKmh) ? edge.SpeedKmh
                : options.DefaultSpeedsKmh.TryGetValue(edge.Class, out var d) ? d
                : throw new ArgumentException($"road edge {edge.Id} has no speed and class {edge.Class} has no default speed");
            speed[e] = s;
            length[e] = (int)Math.Round(edge.LengthM);
        }

        return new RoadGraph(nodes, edges, index, from, to, length, speed);
    }

    /// <summary>Dense index of a node id, or -1.</summary>
    public int NodeIndex(long nodeId) => _nodeIndex.TryGetValue(nodeId, out int i) ? i : -1;

    /// <summary>Index of the edge's start node.</summary>
    public int EdgeFrom(int edge) => _edgeFrom[edge];

    /// <summary>Index of the edge's end node.</summary>
    public int EdgeTo(int edge) => _edgeTo[edge];

    /// <summary>Edge length in whole metres (the unit every search counts in).</summary>
    public int EdgeLengthM(int edge) => _edgeLengthM[edge];

    /// <summary>True if <paramref name="vehicle"/> may drive the edge (its gross weight within the edge's limit).</summary>
    public bool IsOpen(int edge, VehicleType? vehicle) => IsOpen(edge, VehicleProfile.Of(vehicle));

    internal bool IsOpen(int edge, VehicleProfile profile) => Edges[edge].MaxWeightT is not { } limit || profile.GrossWeightT <= limit;

    /// <summary>Driving time of the whole edge in milliseconds for the vehicle.</summary>
    public long EdgeTimeMs(int edge, VehicleType? vehicle) => EdgeTimeMs(edge, VehicleProfile.Of(vehicle));

    internal long EdgeTimeMs(int edge, VehicleProfile profile) => RoadCost.DriveTimeMs(_edgeLengthM[edge], _edgeSpeedKmh[edge] * profile.SpeedFactor);

    /// <summary>
    /// The search graph for a vehicle (null: no restriction, speed factor 1): both directions of two-way edges,
    /// closed edges left out, arc tags = edge index · 2 + 1 if driven against the polyline. Cached per profile.
    /// </summary>
    public CostGraph CostGraphFor(VehicleType? vehicle) => CostGraphFor(VehicleProfile.Of(vehicle));

    internal CostGraph CostGraphFor(VehicleProfile profile) => _costGraphs.GetOrAdd(profile, p =>
    {
        var tails = new List<int>(Edges.Count * 2);
        var heads = new List<int>(Edges.Count * 2);
        var weights = new List<long>(Edges.Count * 2);
        var tags = new List<int>(Edges.Count * 2);
        for (int e = 0; e < Edges.Count; e++)
        {
            if (!IsOpen(e, p))
            {
                continue;
            }

            long cost = RoadCost.Pack(EdgeTimeMs(e, p), _edgeLengthM[e]);
            tails.Add(_edgeFrom[e]);
            heads.Add(_edgeTo[e]);
            weights.Add(cost);
            tags.Add(2 * e);
            if (!Edges[e].OneWay)
            {
                tails.Add(_edgeTo[e]);
                heads.Add(_edgeFrom[e]);
                weights.Add(cost);
                tags.Add((2 * e) + 1);
            }
        }

        return CostGraph.Create(Nodes.Count, tails.ToArray(), heads.ToArray(), weights.ToArray(), tags.ToArray());
    });
}

/// <summary>What makes two vehicles route differently: speed factor and gross weight. Null vehicle = (1, 0).</summary>
internal readonly record struct VehicleProfile(double SpeedFactor, double GrossWeightT)
{
    public static VehicleProfile Of(VehicleType? vehicle)
    {
        if (vehicle is null)
        {
            return new VehicleProfile(1, 0);
        }

        if (!(vehicle.SpeedFactor > 0) || !double.IsFinite(vehicle.SpeedFactor))
        {
            throw new ArgumentException($"vehicle type '{vehicle.Id}' has speed factor {vehicle.SpeedFactor}; it must be positive");
        }

        return new VehicleProfile(vehicle.SpeedFactor, vehicle.GrossWeightT);
    }
}

/// <summary>A point to route from or to: a site, an entry point or a demand point.</summary>
public sealed record GeoPoint(string Id, string Name, double Lon, double Lat)
{
    /// <summary>Validates the coordinates.</summary>
    public static GeoPoint Create(string id, string name, double lon, double lat)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!(lon is >= -180 and <= 180) || !(lat is >= -90 and <= 90))
        {
            throw new ArgumentException($"point '{id}' has invalid coordinates ({lon}, {lat})");
        }

        return new GeoPoint(id, name ?? id, lon, lat);
    }

    /// <summary>Geodesic distance in metres to another point.</summary>
    public double DistanceTo(GeoPoint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wgs84Geodesic.Distance(Lon, Lat, other.Lon, other.Lat);
    }
}
