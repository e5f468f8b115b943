using HubPlanner.Data.Inspect;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Inspect;

public class StoreInspectorTests
{
    [Fact]
    public void Inspect_SumsInventoryByType()
    {
        using var dir = new TempDir();
        var report = StoreInspector.Inspect(Fixtures.LoadedStore(dir));

        // fuel-module: 10 at izmail + 5 at lviv-rail
        Assert.Equal([("fuel-module", 15L, 2), ("radar-long", 2L, 1), ("sam-medium", 4L, 1)],
            report.Inventory.Select(i => (i.EquipmentTypeId, i.Quantity, i.Holders)));
    }

    [Fact]
    public void Inspect_FindsTheRoadComponentsOfTheSevenNodesNetwork()
    {
        using var dir = new TempDir();
        var report = StoreInspector.Inspect(Fixtures.LoadedStore(dir));

        // {1,2,3,4}, {5,6}, {7}
        var roads = report.Roads;
        Assert.Equal((7, 4, 3, 1), (roads.Nodes, roads.Edges, roads.Components, roads.IsolatedNodes));
        Assert.Equal([4, 2, 1], roads.ComponentSizes);
    }

    [Fact]
    public void Connectivity_MatchesABruteForceFloodFill_OnARandomGraph()
    {
        var random = new Random(42);
        var nodes = Enumerable.Range(0, 60).Select(i => (long)i).ToList();
        var edges = Enumerable.Range(0, 45).Select(_ => ((long)random.Next(60), (long)random.Next(60))).ToList();

        var result = StoreInspector.Connectivity(nodes, edges);

        // Oracle: repeated flood fill over an adjacency list.
        var seen = new HashSet<long>();
        var sizes = new List<int>();
        foreach (long start in nodes)
        {
            if (!seen.Add(start))
            {
                continue;
            }

            var stack = new Stack<long>([start]);
            int size = 0;
            while (stack.Count > 0)
            {
                long n = stack.Pop();
                size++;
                foreach (var (a, b) in edges)
                {
                    long other = a == n ? b : b == n ? a : -1;
                    if (other >= 0 && seen.Add(other))
                    {
                        stack.Push(other);
                    }
                }
            }

            sizes.Add(size);
        }

        Assert.Equal(sizes.Count, result.Components);
        Assert.Equal(sizes.OrderByDescending(s => s).Take(10), result.ComponentSizes);
    }

    [Fact]
    public void Inspect_BorderArea_MatchesTheEllipsoidalAreaOfTheLatLonBox()
    {
        using var dir = new TempDir();
        var report = StoreInspector.Inspect(Fixtures.LoadedStore(dir));

        // Oracle: area of the ellipsoidal quadrangle 24–32 E × 46–51 N = a²/2 · Δλ · (q(φ2) − q(φ1)),
        // q the authalic-latitude function (Snyder 1987, eq. 3-12). The fixture's edges are densified every 0.1°.
        double expected = QuadrangleAreaKm2(24, 32, 46, 51);
        Assert.InRange(expected, 325_000, 332_000); // sanity of the oracle: 8 × 73.7 km × 5 × 111.2 km ≈ 328,000 km²
        Assert.NotNull(report.BorderAreaKm2);
        Assert.InRange(report.BorderAreaKm2!.Value / expected, 0.9995, 1.0005);
    }

    [Fact]
    public void Inspect_CountsEveryTable()
    {
        using var dir = new TempDir();
        var report = StoreInspector.Inspect(Fixtures.LoadedStore(dir));

        var counts = report.Tables.ToDictionary(t => t.Table, t => t.Rows);
        Assert.Equal(7, counts["road_nodes"]);
        Assert.Equal(4, counts["roads"]);
        Assert.Equal(1, counts["scenarios"]);
        Assert.Equal(0, counts["jobs"]);
        Assert.Equal(HubPlanner.Data.Store.Schema.Migrations.Count, report.Migrations.Count); // every migration, the service's included
    }

    private static double QuadrangleAreaKm2(double lon1, double lon2, double lat1, double lat2)
    {
        const double a = 6378137.0;
        const double f = 1 / 298.257223563;
        double e2 = f * (2 - f);
        double e = Math.Sqrt(e2);
        double Q(double latDeg)
        {
            double s = Math.Sin(latDeg * Math.PI / 180);
            return (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * Math.Log((1 - e * s) / (1 + e * s)));
        }

        return a * a / 2 * ((lon2 - lon1) * Math.PI / 180) * (Q(lat2) - Q(lat1)) / 1e6;
    }
}
