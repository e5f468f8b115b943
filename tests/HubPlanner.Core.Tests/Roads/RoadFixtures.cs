using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Roads;

namespace HubPlanner.Core.Tests.Roads;

/// <summary>Tiny road networks and random graphs shared by the road tests.</summary>
internal static class RoadFixtures
{
    public static RoadNode Node(long id, double lon, double lat, string? name = null) => new(id, name, lon, lat);

    public static RoadEdge Edge(long id, long from, long to, double lengthM, double speedKmh, string? road = null,
        bool oneWay = false, double? maxWeightT = null, params (double Lon, double Lat)[] via)
    {
        return new RoadEdge(id, from, to, road, RoadClass.Primary, lengthM, speedKmh, oneWay, maxWeightT,
            GeoFactory.Wgs84.CreateLineString(via.Select(p => new NetTopologySuite.Geometries.Coordinate(p.Lon, p.Lat)).ToArray()));
    }

    public static VehicleType Vehicle(string id, double grossWeightT, double speedFactor = 1) =>
        new(id, id, 10, 30, grossWeightT, speedFactor, 0, 1, 10);

    /// <summary>
    /// The 4-edge snapping fixture on the equator (every edge 1000 m long by data, 36 km/h = 10 m/s unless said):
    /// <code>
    ///            D (0.01, 0.01)
    ///            ^  e12 "H02" one-way B→D
    ///  A ——e10—— B ——e11—— C        A (0,0)  B (0.01,0)  C (0.02,0)   e10, e11 "M01" two-way
    ///            |  e13 "T03" E→B two-way, 72 km/h, max 20 t
    ///            E (0.01, -0.01)
    /// </code>
    /// </summary>
    public static RoadGraph FourEdges() => RoadGraph.Create(
        [Node(1, 0, 0, "A"), Node(2, 0.01, 0, "B"), Node(3, 0.02, 0, "C"), Node(4, 0.01, 0.01, "D"), Node(5, 0.01, -0.01, "E")],
        [
            Edge(10, 1, 2, 1000, 36, "M01", via: [(0, 0), (0.01, 0)]),
            Edge(11, 2, 3, 1000, 36, "M01", via: [(0.01, 0), (0.02, 0)]),
            Edge(12, 2, 4, 1000, 36, "H02", oneWay: true, via: [(0.01, 0), (0.01, 0.01)]),
            Edge(13, 5, 2, 1000, 72, "T03", maxWeightT: 20, via: [(0.01, -0.01), (0.01, 0)]),
        ]);

    /// <summary>
    /// Two ways from S to T: 2000 m along "M01" over a bridge limited to 20 t, or 3000 m by "H1" then "H2"; all 36 km/h.
    /// <code>
    ///         N (0.01, 0.01)
    ///   H1 /  1500 m   \ H2 1500 m
    ///  S ——— M ——bridge—— T        S (0,0)  M (0.01,0)  T (0.02,0); S–M 1000 m, M–T 1000 m (max 20 t)
    /// </code>
    /// </summary>
    public static RoadGraph Bridge() => RoadGraph.Create(
        [Node(1, 0, 0, "S"), Node(2, 0.01, 0, "M"), Node(3, 0.02, 0, "T"), Node(4, 0.01, 0.01, "N")],
        [
            Edge(1, 1, 2, 1000, 36, "M01", via: [(0, 0), (0.01, 0)]),
            Edge(2, 2, 3, 1000, 36, "M01", maxWeightT: 20, via: [(0.01, 0), (0.02, 0)]),
            Edge(3, 1, 4, 1500, 36, "H1", via: [(0, 0), (0.01, 0.01)]),
            Edge(4, 4, 3, 1500, 36, "H2", via: [(0.01, 0.01), (0.02, 0)]),
        ]);

    /// <summary>
    /// A random graph of <paramref name="n"/> nodes in 1–3 clusters (no arcs between some clusters, one-way arcs
    /// between others), integer costs (with deliberate ties), about a third of arcs one-way.
    /// </summary>
    public static CostGraph RandomGraph(int seed, int n)
    {
        var rng = new Random(seed);
        int clusters = 1 + rng.Next(3);
        var tails = new List<int>();
        var heads = new List<int>();
        var weights = new List<long>();
        int arcs = n * (1 + rng.Next(3));
        for (int i = 0; i < arcs; i++)
        {
            int a = rng.Next(n), b = rng.Next(n);
            bool sameCluster = a % clusters == b % clusters;
            if (!sameCluster && rng.NextDouble() < 0.9)
            {
                continue;
            }

            long w = RoadCost.Pack(rng.Next(1, 6) * 1000, rng.Next(1, 4) * 100);
            tails.Add(a);
            heads.Add(b);
            weights.Add(w);
            if (sameCluster && rng.NextDouble() < 0.67)
            {
                tails.Add(b);
                heads.Add(a);
                weights.Add(w);
            }
        }

        return CostGraph.Create(n, tails.ToArray(), heads.ToArray(), weights.ToArray());
    }

    /// <summary>All-pairs shortest costs by Floyd–Warshall (the independent oracle).</summary>
    public static long[,] FloydWarshall(CostGraph g)
    {
        int n = g.NodeCount;
        var d = new long[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                d[i, j] = i == j ? 0 : RoadCost.Infinity;
            }
        }

        for (int v = 0; v < n; v++)
        {
            for (int a = g.FirstOut[v]; a < g.FirstOut[v + 1]; a++)
            {
                d[v, g.Head[a]] = Math.Min(d[v, g.Head[a]], g.Weight[a]);
            }
        }

        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                if (d[i, k] == RoadCost.Infinity)
                {
                    continue;
                }

                for (int j = 0; j < n; j++)
                {
                    if (d[k, j] != RoadCost.Infinity && d[i, k] + d[k, j] < d[i, j])
                    {
                        d[i, j] = d[i, k] + d[k, j];
                    }
                }
            }
        }

        return d;
    }

    public static SearchSeed[][] Singles(int n) => Enumerable.Range(0, n).Select(v => new[] { new SearchSeed(v, 0) }).ToArray();
}
