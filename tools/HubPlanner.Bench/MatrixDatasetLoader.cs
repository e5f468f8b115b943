using System.Globalization;
using System.Text.Json;
using CsvHelper;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Roads;
using NetTopologySuite.Geometries;

namespace HubPlanner.Bench;

/// <summary>
/// Reads the road network and the points of a dataset folder in the data/FORMAT.md format (road_nodes.csv,
/// roads.geojson, sites.csv, entry_points.csv, demand_points.csv, vehicle_types.csv) for the `matrix --dataset` row.
/// A harness reader only; the product's importers live in HubPlanner.Data.
/// </summary>
internal static class MatrixDatasetLoader
{
    public static (List<RoadNode> Nodes, List<RoadEdge> Edges, List<GeoPoint> Points, List<VehicleType> Vehicles) Load(string dir)
    {
        var nodes = ReadCsv(Path.Combine(dir, "road_nodes.csv"), r => new RoadNode(
            long.Parse(r["id"], CultureInfo.InvariantCulture), string.IsNullOrEmpty(r["name"]) ? null : r["name"], D(r["lon"]), D(r["lat"])));
        var points = new List<GeoPoint>();
        foreach (string file in new[] { "sites.csv", "entry_points.csv", "demand_points.csv" })
        {
            points.AddRange(ReadCsv(Path.Combine(dir, file), r => new GeoPoint(r["id"], r["name"], D(r["lon"]), D(r["lat"]))));
        }

        var vehicles = File.Exists(Path.Combine(dir, "vehicle_types.csv"))
            ? ReadCsv(Path.Combine(dir, "vehicle_types.csv"), r => new VehicleType(r["id"], r["name"], D(r["capacity_t"]), D(r["capacity_m3"]),
                D(r["gross_weight_t"]), D(r["speed_factor"]), D(r["fixed_cost"]), D(r["cost_per_km"]), D(r["shift_hours"])))
            : [];

        var edges = new List<RoadEdge>();
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "roads.geojson")));
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var p = feature.GetProperty("properties");
            var coords = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray()
                .Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToArray();
            var line = GeoFactory.Wgs84.CreateLineString(coords);
            edges.Add(new RoadEdge(
                p.GetProperty("id").GetInt64(),
                p.GetProperty("from").GetInt64(),
                p.GetProperty("to").GetInt64(),
                p.TryGetProperty("ref", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
                Enum.Parse<RoadClass>(p.GetProperty("class").GetString()!, ignoreCase: true),
                Wgs84Geodesic.PolylineLength(coords),
                p.GetProperty("speed_kmh").GetDouble(),
                p.GetProperty("oneway").GetBoolean(),
                p.TryGetProperty("max_weight_t", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : null,
                line));
        }

        return (nodes, edges, points, vehicles);
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static List<T> ReadCsv<T>(string path, Func<Dictionary<string, string>, T> map)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var result = new List<T>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string h in header)
            {
                row[h] = csv.GetField(h) ?? "";
            }

            result.Add(map(row));
        }

        return result;
    }
}
