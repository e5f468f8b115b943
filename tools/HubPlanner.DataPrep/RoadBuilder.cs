using System.Globalization;
using System.Text;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace HubPlanner.DataPrep;

/// <summary>A road node while building: key in the spec, output id, name and position.</summary>
internal sealed record SpecNode(string Key, int Id, string Name, double Lon, double Lat);

/// <summary>A road segment between two nodes, with its polyline (including both end points).</summary>
internal sealed record SpecSegment(int Id, SpecNode From, SpecNode To, string? Ref, string RoadClass, int SpeedKmh,
    double? MaxWeightT, IReadOnlyList<(double Lon, double Lat)> Vertices);

/// <summary>The parsed and expanded road spec.</summary>
internal sealed record RoadSpec(IReadOnlyList<SpecNode> Nodes, IReadOnlyList<SpecSegment> Segments,
    IReadOnlySet<(string, string)> WaterCrossings, IReadOnlyList<string> Notes);

/// <summary>
/// Expands <c>tools/dataprep/roads.spec</c> (roads as sequences of towns and junctions) into one segment
/// per consecutive node pair, then adds a tertiary access link from every site and entry point that is
/// not itself a road node to its nearest node.
/// </summary>
internal static class RoadBuilder
{
    /// <summary>Illustrative design speeds by road class (km/h).</summary>
    public static readonly IReadOnlyDictionary<string, int> ClassSpeed = new Dictionary<string, int>
    {
        ["motorway"] = 110, ["trunk"] = 90, ["primary"] = 80, ["secondary"] = 70, ["tertiary"] = 60,
    };

    /// <summary>Maximum part of a non-whitelisted segment allowed outside the land border (metres).</summary>
    public const double MaxOutsideM = 300;

    public static void Build(string specPath, string outDir, TextWriter log)
    {
        var spec = Expand(File.ReadAllLines(specPath),
            CsvTable.Read(Path.Combine(outDir, "places.csv")),
            CsvTable.Read(Path.Combine(outDir, "entry_points.csv")),
            CsvTable.Read(Path.Combine(outDir, "sites.csv")));
        foreach (var note in spec.Notes)
        {
            log.WriteLine(note);
        }

        var border = GeoJsonIo.Read(Path.Combine(outDir, "border.geojson"))[0].Geometry;
        var borderProj = UkraineEqualArea.Instance.Project(border);
        var problems = new List<string>();
        foreach (var s in spec.Segments)
        {
            var outside = OutsideLengthM(s.Vertices, borderProj);
            bool whitelisted = spec.WaterCrossings.Contains((s.From.Key, s.To.Key)) || spec.WaterCrossings.Contains((s.To.Key, s.From.Key));
            if (outside > MaxOutsideM && !whitelisted)
            {
                problems.Add($"segment {s.Id} {s.From.Name} - {s.To.Name} ({s.Ref ?? s.RoadClass}) runs {outside / 1000:F1} km outside the border");
            }
        }

        var csv = new StringBuilder("id,name,lon,lat\n");
        foreach (var n in spec.Nodes)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{n.Id},{Quote(n.Name)},{Csv.Num(n.Lon)},{Csv.Num(n.Lat)}\n");
        }

        File.WriteAllText(Path.Combine(outDir, "road_nodes.csv"), csv.ToString(), new UTF8Encoding(false));
        GeoJsonIo.Write(Path.Combine(outDir, "roads.geojson"), spec.Segments.Select(s => new OutFeature(
            [
                new("id", s.Id), new("from", s.From.Id), new("to", s.To.Id), new("ref", s.Ref),
                new("class", s.RoadClass), new("speed_kmh", s.SpeedKmh), new("oneway", false), new("max_weight_t", s.MaxWeightT),
            ],
            GeoFactory.Wgs84.CreateLineString(s.Vertices.Select(v => new Coordinate(v.Lon, v.Lat)).ToArray()))));
        var km = spec.Segments.Sum(s => Wgs84Geodesic.PolylineLength(s.Vertices.Select(v => new Coordinate(v.Lon, v.Lat)).ToArray()) / 1000);
        log.WriteLine($"roads: {spec.Nodes.Count} nodes, {spec.Segments.Count} segments, {km:F0} km -> {outDir}");
        if (problems.Count > 0)
        {
            throw new InvalidDataException("files written, but roads leave the land border:\n  " + string.Join("\n  ", problems));
        }

    }

    /// <summary>Length (m) of a polyline outside the projected border polygon.</summary>
    internal static double OutsideLengthM(IReadOnlyList<(double Lon, double Lat)> vertices, Geometry borderProj)
    {
        var line = GeoFactory.Wgs84.CreateLineString(vertices.Select(v => new Coordinate(v.Lon, v.Lat)).ToArray());
        var proj = UkraineEqualArea.Instance.Project(line);
        return OverlayNGRobust.Overlay(proj, borderProj, NetTopologySuite.Operation.Overlay.SpatialFunction.Difference).Length;
    }

    /// <summary>Parses the spec lines and expands them into nodes and segments.</summary>
    internal static RoadSpec Expand(IEnumerable<string> lines, CsvTable places, CsvTable entries, CsvTable sites)
    {
        var known = new Dictionary<string, (string Name, double Lon, double Lat)>();
        void AddKnown(CsvTable t, string source)
        {
            int id = t.Column("id"), name = t.Column("name"), lon = t.Column("lon"), lat = t.Column("lat");
            foreach (var r in t.Rows)
            {
                if (!known.TryAdd(r[id], (r[name], Csv.ParseNum(r[lon], $"{source} {r[id]}"), Csv.ParseNum(r[lat], $"{source} {r[id]}"))))
                {
                    throw new InvalidDataException($"{source}: id '{r[id]}' is already used by another file");
                }
            }
        }

        AddKnown(places, "places.csv");
        AddKnown(entries, "entry_points.csv");

        var nodes = new Dictionary<string, SpecNode>();
        var order = new List<SpecNode>();
        var segments = new List<SpecSegment>();
        var pairs = new HashSet<(string, string)>();
        var limits = new Dictionary<(string, string), double>();
        var water = new HashSet<(string, string)>();
        var notes = new List<string>();
        int lineNo = 0;

        SpecNode Node(string key, string where)
        {
            if (nodes.TryGetValue(key, out var n))
            {
                return n;
            }

            if (!known.TryGetValue(key, out var k))
            {
                throw new InvalidDataException($"{where}: unknown node '{key}' (not a place, entry point or node line)");
            }

            n = new SpecNode(key, order.Count + 1, k.Name, k.Lon, k.Lat);
            nodes[key] = n;
            order.Add(n);
            return n;
        }

        var roadLines = new List<(int Line, string Text)>();
        foreach (var raw in lines)
        {
            lineNo++;
            var text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string where = $"roads.spec:{lineNo}";
            switch (parts[0])
            {
                case "node":
                    if (parts.Length < 5)
                    {
                        throw new InvalidDataException($"{where}: node needs KEY LON LAT NAME");
                    }

                    if (!known.TryAdd(parts[1], (string.Join(' ', parts.Skip(4)), Csv.ParseNum(parts[2], where), Csv.ParseNum(parts[3], where))))
                    {
                        throw new InvalidDataException($"{where}: node key '{parts[1]}' is already defined");
                    }

                    break;
                case "road":
                    roadLines.Add((lineNo, text));
                    break;
                case "limit":
                    limits[(parts[1], parts[2])] = Csv.ParseNum(parts[3], where);
                    break;
                case "water":
                    water.Add((parts[1], parts[2]));
                    break;
                default:
                    throw new InvalidDataException($"{where}: unknown directive '{parts[0]}'");
            }
        }

        foreach (var (line, text) in roadLines)
        {
            string where = $"roads.spec:{line}";
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            var head = text[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length != 3 || !ClassSpeed.TryGetValue(head[2], out var speed))
            {
                throw new InvalidDataException($"{where}: expected 'road REF CLASS:' with CLASS one of {string.Join(", ", ClassSpeed.Keys)}");
            }

            string? roadRef = head[1] == "-" ? null : head[1];
            var tokens = text[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            SpecNode? previous = null;
            var vertices = new List<(double, double)>();
            foreach (var token in tokens)
            {
                if (token.StartsWith('@'))
                {
                    if (previous is null)
                    {
                        throw new InvalidDataException($"{where}: a road must start at a node, not at a bend");
                    }

                    var xy = token[1..].Split(',');
                    vertices.Add((Csv.ParseNum(xy[0], where), Csv.ParseNum(xy[1], where)));
                    continue;
                }

                var node = Node(token, where);
                if (previous is not null)
                {
                    vertices.Add((node.Lon, node.Lat));
                    var pair = string.CompareOrdinal(previous.Key, node.Key) < 0 ? (previous.Key, node.Key) : (node.Key, previous.Key);
                    if (!pairs.Add(pair))
                    {
                        notes.Add($"note: {where}: {previous.Key} - {node.Key} already joined, skipped for {roadRef ?? "(no ref)"}");
                    }
                    else
                    {
                        double? limit = limits.TryGetValue((previous.Key, node.Key), out var l) ? l
                            : limits.TryGetValue((node.Key, previous.Key), out l) ? l : null;
                        segments.Add(new SpecSegment(segments.Count + 1, previous, node, roadRef, head[2], speed, limit, vertices.ToArray()));
                    }
                }
                else if (vertices.Count > 0)
                {
                    throw new InvalidDataException($"{where}: bend before the first node");
                }

                previous = node;
                vertices.Clear();
                vertices.Add((node.Lon, node.Lat));
            }

            if (vertices.Count > 1)
            {
                throw new InvalidDataException($"{where}: a road must end at a node, not at a bend");
            }
        }

        foreach (var key in limits.Keys.Concat(water))
        {
            var pair = string.CompareOrdinal(key.Item1, key.Item2) < 0 ? key : (key.Item2, key.Item1);
            if (!pairs.Contains(pair))
            {
                throw new InvalidDataException($"roads.spec: limit/water names {key.Item1} - {key.Item2}, which is not a segment");
            }
        }

        // Access links: every site and entry point that is not itself a road node gets a node of its own and
        // a tertiary link to the nearest road node (a site within 50 m of an earlier access node shares it).
        var roadNodes = order.ToList();
        var access = new List<SpecNode>();
        void Link(string id, string name, double lon, double lat)
        {
            if (nodes.ContainsKey(id))
            {
                return;
            }

            if (access.Any(a => Wgs84Geodesic.Distance(a.Lon, a.Lat, lon, lat) < 50))
            {
                return;
            }

            var nearest = roadNodes.MinBy(n => Wgs84Geodesic.Distance(n.Lon, n.Lat, lon, lat))!;
            var node = new SpecNode(id, order.Count + 1, name, lon, lat);
            nodes[id] = node;
            order.Add(node);
            access.Add(node);
            segments.Add(new SpecSegment(segments.Count + 1, node, nearest, null, "tertiary", ClassSpeed["tertiary"], null,
                [(lon, lat), (nearest.Lon, nearest.Lat)]));
        }

        foreach (var t in new[] { entries, sites })
        {
            int id = t.Column("id"), name = t.Column("name"), lon = t.Column("lon"), lat = t.Column("lat");
            foreach (var r in t.Rows)
            {
                Link(r[id], r[name], Csv.ParseNum(r[lon], r[id]), Csv.ParseNum(r[lat], r[id]));
            }
        }

        return new RoadSpec(order, segments, water, notes);
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
