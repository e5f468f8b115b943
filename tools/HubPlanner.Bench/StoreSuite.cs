using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HubPlanner.Data.Import;
using HubPlanner.Data.Store;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Bench;

/// <summary>
/// <c>store</c>: how fast the validating importer loads a road network, against a baseline measured in the
/// same run: the same number of rows written by bare prepared SQLite inserts in one transaction (no
/// parsing, no checks, no GeoPackage encoding). Synthetic grid networks (k × k nodes, 2k(k−1) roads of two
/// vertices) stand in for an OSM extract; the seed fixes the jitter of node positions.
/// </summary>
public sealed class StoreSuite : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "store";

    /// <inheritdoc />
    public string Description => "import throughput of road networks vs bare SQLite inserts (--sizes 20,60,120 grid side; --json)";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args)
    {
        bool json = args.Contains("--json");
        int[] sides = [20, 60, 120];
        int at = args.ToList().IndexOf("--sizes");
        if (at >= 0 && at + 1 < args.Count)
        {
            sides = args[at + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }

        var rows = new List<object>();
        Console.WriteLine("instance      nodes   roads  import_nodes_ms  import_roads_ms  baseline_ms  ratio  load_ms");
        foreach (int side in sides)
        {
            string dir = Path.Combine(Path.GetTempPath(), "hp-bench-store-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                var (nodesCsv, roadsJson, nodeCount, roadCount) = WriteGrid(dir, side, seed: 7);
                var store = PlanningStore.Open(Path.Combine(dir, "bench.gpkg"));

                var sw = Stopwatch.StartNew();
                DatasetImporter.ImportFile(store, ImportKind.RoadNodes, nodesCsv);
                double nodesMs = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                DatasetImporter.ImportFile(store, ImportKind.Roads, roadsJson);
                double roadsMs = sw.Elapsed.TotalMilliseconds;

                sw.Restart();
                var loaded = store.LoadBase();
                double loadMs = sw.Elapsed.TotalMilliseconds;
                if (loaded.Roads.Count != roadCount)
                {
                    throw new InvalidOperationException($"loaded {loaded.Roads.Count} roads, expected {roadCount}");
                }

                double baselineMs = Baseline(Path.Combine(dir, "baseline.db"), roadCount);
                double ratio = roadsMs / baselineMs;
                string instance = $"grid-{side}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{instance,-12} {nodeCount,6} {roadCount,7} {nodesMs,16:0.0} {roadsMs,16:0.0} {baselineMs,12:0.0} {ratio,6:0.0} {loadMs,8:0.0}"));
                rows.Add(new { instance, nodes = nodeCount, roads = roadCount, importNodesMs = nodesMs, importRoadsMs = roadsMs, baselineMs, ratio, loadMs });
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { suite = Name, baseline = "bare prepared SQLite inserts, one transaction", instances = rows }));
        }

        return 0;
    }

    private static (string NodesCsv, string RoadsJson, int Nodes, int Roads) WriteGrid(string dir, int side, int seed)
    {
        var random = new Random(seed);
        var lon = new double[side * side];
        var lat = new double[side * side];
        var csv = new StringBuilder("id,name,lon,lat\n");
        for (int i = 0; i < side * side; i++)
        {
            // ~5.5 km spacing around central Ukraine, jittered so lengths differ
            lon[i] = 26 + (i % side) * 0.07 + random.NextDouble() * 0.01;
            lat[i] = 47 + (i / side) * 0.05 + random.NextDouble() * 0.01;
            csv.Append(CultureInfo.InvariantCulture, $"{i + 1},,{lon[i]:0.######},{lat[i]:0.######}\n");
        }

        string nodesCsv = Path.Combine(dir, "road_nodes.csv");
        File.WriteAllText(nodesCsv, csv.ToString());

        var geo = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        int id = 0;
        void Road(int a, int b)
        {
            if (id > 0)
            {
                geo.Append(',');
            }

            id++;
            geo.Append(CultureInfo.InvariantCulture,
                $"{{\"type\":\"Feature\",\"properties\":{{\"id\":{id},\"from\":{a + 1},\"to\":{b + 1},\"ref\":\"T{id % 100:00}\",\"class\":\"secondary\",\"speed_kmh\":70,\"oneway\":false,\"max_weight_t\":null}},");
            geo.Append(CultureInfo.InvariantCulture,
                $"\"geometry\":{{\"type\":\"LineString\",\"coordinates\":[[{lon[a]:0.######},{lat[a]:0.######}],[{lon[b]:0.######},{lat[b]:0.######}]]}}}}");
        }

        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                int i = r * side + c;
                if (c + 1 < side)
                {
                    Road(i, i + 1);
                }

                if (r + 1 < side)
                {
                    Road(i, i + side);
                }
            }
        }

        geo.Append("]}");
        string roadsJson = Path.Combine(dir, "roads.geojson");
        File.WriteAllText(roadsJson, geo.ToString());
        return (nodesCsv, roadsJson, side * side, id);
    }

    private static double Baseline(string path, int rows)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE roads (fid INTEGER PRIMARY KEY, geom BLOB, id INTEGER UNIQUE, from_node INTEGER, " +
                                 "to_node INTEGER, ref TEXT, class TEXT, length_m REAL, speed_kmh REAL, oneway INTEGER, max_weight_t REAL)";
            create.ExecuteNonQuery();
        }

        var blob = new byte[61]; // the size of a two-vertex GeoPackage linestring with envelope
        var sw = Stopwatch.StartNew();
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO roads (geom, id, from_node, to_node, ref, class, length_m, speed_kmh, oneway, max_weight_t) " +
                             "VALUES ($g, $id, $f, $t, $r, 'secondary', $l, 70, 0, NULL)";
        var g = insert.Parameters.Add("$g", SqliteType.Blob);
        var pid = insert.Parameters.Add("$id", SqliteType.Integer);
        var pf = insert.Parameters.Add("$f", SqliteType.Integer);
        var pt = insert.Parameters.Add("$t", SqliteType.Integer);
        var pr = insert.Parameters.Add("$r", SqliteType.Text);
        var pl = insert.Parameters.Add("$l", SqliteType.Real);
        insert.Prepare();
        for (int i = 1; i <= rows; i++)
        {
            g.Value = blob;
            pid.Value = i;
            pf.Value = i;
            pt.Value = i + 1;
            pr.Value = "T" + (i % 100).ToString("00", CultureInfo.InvariantCulture);
            pl.Value = 5000.0 + i;
            insert.ExecuteNonQuery();
        }

        tx.Commit();
        return sw.Elapsed.TotalMilliseconds;
    }
}
