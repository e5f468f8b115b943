using System.Text.RegularExpressions;
using HubPlanner.Core.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.OverlayNG;

namespace HubPlanner.DataPrep;

/// <summary>
/// Validates a dataset folder against data/FORMAT.md and the planning assumptions, with its own parsing
/// (not the importers'): counts, ids, references, geometry validity and orientation, road-network
/// connectivity and reach, node/polyline agreement, the Kyiv→Lviv road distance and the border area.
/// </summary>
internal static partial class DatasetChecker
{
    /// <summary>How far a place, site or entry point may lie from the road network (km).</summary>
    public const double MaxReachKm = 25;

    /// <summary>How far a polyline end may lie from its node (m).</summary>
    public const double MaxEndGapM = 200;

    private static readonly Dictionary<string, string> Headers = new()
    {
        ["places.csv"] = "id,name,oblast,lon,lat,population,oblast_centre",
        ["sites.csv"] = "id,name,kind,lon,lat,storage_capacity_t,throughput_t_per_day,fixed_cost,status",
        ["entry_points.csv"] = "id,name,kind,country,lon,lat",
        ["equipment_types.csv"] = "id,name,category,weight_t,volume_m3,air_radius_km,coastal_radius_km,sensor_height_m",
        ["inventory.csv"] = "holder_id,equipment_type_id,quantity",
        ["vehicle_types.csv"] = "id,name,capacity_t,capacity_m3,gross_weight_t,speed_factor,fixed_cost,cost_per_km,shift_hours",
        ["fleet.csv"] = "entry_point_id,vehicle_type_id,count",
        ["demand_points.csv"] = "id,name,lon,lat,weight,demand_t",
        ["road_nodes.csv"] = "id,name,lon,lat",
    };

    /// <summary>Approximate real road distances (km) between places, from common knowledge of the routes.</summary>
    private static readonly (string From, string To, double Km)[] ReferenceRoutes =
    [
        ("kyiv", "odesa", 475), ("kyiv", "kharkiv", 480), ("kyiv", "chernihiv", 145), ("kyiv", "zhytomyr", 140),
        ("kyiv", "poltava", 340), ("kyiv", "uman", 210), ("lviv", "uzhhorod", 230), ("lviv", "ternopil", 130),
        ("odesa", "mykolaiv", 130), ("dnipro", "zaporizhzhia", 85), ("kharkiv", "poltava", 145),
        ("kyiv", "rivne", 325), ("vinnytsia", "khmelnytskyi", 120), ("lviv", "lutsk", 150),
    ];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex Slug();

    public static bool Run(string dir, TextWriter log)
    {
        var r = new Report(log);
        var t = new Dictionary<string, CsvTable>();
        foreach (var (file, header) in Headers)
        {
            var path = Path.Combine(dir, file);
            if (!File.Exists(path))
            {
                r.Fail($"{file}: missing");
                continue;
            }

            var table = CsvTable.Read(path);
            r.Check(string.Join(",", table.Header) == header, $"{file}: header is exactly '{header}'");
            foreach (var row in table.Rows.Where(row => row.Count != table.Header.Count))
            {
                r.Fail($"{file}: a row has {row.Count} cells, header has {table.Header.Count}: {string.Join(",", row)}");
            }

            // Malformed rows are reported above and left out of the checks below.
            t[file] = table with { Rows = table.Rows.Where(row => row.Count == table.Header.Count).ToList() };
        }

        if (t.Count < Headers.Count)
        {
            return r.Finish();
        }

        var places = Points(r, t["places.csv"], "id");
        var sites = Points(r, t["sites.csv"], "id");
        var entries = Points(r, t["entry_points.csv"], "id");
        var demand = Points(r, t["demand_points.csv"], "id");
        var types = Ids(r, t["equipment_types.csv"], "id");
        var vehicles = Ids(r, t["vehicle_types.csv"], "id");

        r.Check(t["places.csv"].Rows.Count(x => x[6] == "true") >= 24, $"places.csv: {t["places.csv"].Rows.Count(x => x[6] == "true")} oblast centres (>= 24)");
        r.Check(places.Count >= 67, $"places.csv: {places.Count} places (>= 67: 24 centres + Kyiv, Simferopol, Sevastopol + 40 towns)");
        r.Check(sites.Count >= 40, $"sites.csv: {sites.Count} candidate sites (>= 40)");
        r.Check(entries.Count >= 10, $"entry_points.csv: {entries.Count} entry points (>= 10)");
        Enum(r, t["sites.csv"], "kind", "airfield", "rail", "port", "depot", "city", "other");
        Enum(r, t["sites.csv"], "status", "candidate", "existing", "forced", "forbidden");
        Enum(r, t["entry_points.csv"], "kind", "border_crossing", "port");
        Enum(r, t["entry_points.csv"], "country", "PL", "SK", "HU", "RO", "MD", "UA");
        Enum(r, t["equipment_types.csv"], "category", "air_defence", "air_radar", "coastal_radar", "supplies", "fuel");
        Enum(r, t["places.csv"], "oblast_centre", "true", "false");
        Numbers(r, t["sites.csv"], "storage_capacity_t", "throughput_t_per_day", "fixed_cost");
        Numbers(r, t["equipment_types.csv"], "weight_t", "volume_m3", "air_radius_km", "coastal_radius_km", "sensor_height_m");
        Numbers(r, t["vehicle_types.csv"], "capacity_t", "capacity_m3", "gross_weight_t", "speed_factor", "fixed_cost", "cost_per_km", "shift_hours");
        Numbers(r, t["inventory.csv"], "quantity");
        Numbers(r, t["fleet.csv"], "count");
        Numbers(r, t["demand_points.csv"], "weight", "demand_t");
        Numbers(r, t["places.csv"], "population");

        var holders = new HashSet<string>(entries.Keys.Concat(sites.Keys));
        foreach (var row in t["inventory.csv"].Rows)
        {
            r.Check(holders.Contains(row[0]), $"inventory.csv: holder '{row[0]}' exists", quiet: true);
            r.Check(types.Contains(row[1]), $"inventory.csv: equipment type '{row[1]}' exists", quiet: true);
        }

        foreach (var row in t["fleet.csv"].Rows)
        {
            r.Check(entries.ContainsKey(row[0]), $"fleet.csv: entry point '{row[0]}' exists", quiet: true);
            r.Check(vehicles.Contains(row[1]), $"fleet.csv: vehicle type '{row[1]}' exists", quiet: true);
        }

        r.Pass($"inventory.csv: {t["inventory.csv"].Rows.Count} rows, fleet.csv: {t["fleet.csv"].Rows.Count} rows reference existing ids");

        // Geometry files.
        var proj = UkraineEqualArea.Instance;
        var border = ReadGeo(r, dir, "border.geojson");
        var zones = ReadGeo(r, dir, "zones.geojson");
        var neighbours = ReadGeo(r, dir, "neighbours.geojson");
        var coast = ReadGeo(r, dir, "coast.geojson");
        var roads = ReadGeo(r, dir, "roads.geojson");
        if (border is null || zones is null || neighbours is null || coast is null || roads is null)
        {
            return r.Finish();
        }

        var borderGeom = border[0].Geometry;
        double area = proj.AreaKm2(borderGeom);
        r.Check(border.Count == 1 && borderGeom is MultiPolygon, "border.geojson: one MultiPolygon feature");
        r.Check(Math.Abs(area / GeometryBuilder.ReferenceAreaKm2 - 1) <= 0.015,
            $"border: area {area:F0} km² within 1.5 % of {GeometryBuilder.ReferenceAreaKm2:F0} ({(area / GeometryBuilder.ReferenceAreaKm2 - 1) * 100:+0.00;-0.00} %)");
        r.Check(borderGeom.Contains(GeoFactory.Point(34.10, 44.95)) && borderGeom.Contains(GeoFactory.Point(33.52, 44.60)),
            "border: contains Simferopol (34.10, 44.95) and Sevastopol (33.52, 44.60)");
        foreach (var (name, fc) in new[] { ("border", border), ("zones", zones), ("neighbours", neighbours) })
        {
            int bad = 0;
            foreach (var f in fc)
            {
                if (!f.Geometry.IsValid || !RingsRfc7946(f.Geometry) || !Rounded(f.Geometry))
                {
                    bad++;
                    r.Fail($"{name}: feature '{f.Attributes.GetOptionalValue("id") ?? f.Attributes.GetOptionalValue("name")}' invalid, wrongly oriented or not rounded to 6 decimals");
                }
            }

            r.Check(bad == 0, $"{name}.geojson: {fc.Count} features, all valid, shells CCW / holes CW, 6 decimals");
        }

        var zoneKinds = zones.GroupBy(z => (string)z.Attributes["kind"]).ToDictionary(g => g.Key, g => g.Count());
        r.Check(zoneKinds.GetValueOrDefault("airspace") == 1 && zoneKinds.GetValueOrDefault("coastal") >= 1 &&
                zoneKinds.GetValueOrDefault("priority") >= 3,
            $"zones.geojson: kinds {string.Join(", ", zoneKinds.Select(k => $"{k.Key} {k.Value}"))}");
        var coastal = zones.First(z => (string)z.Attributes["kind"] == "coastal").Geometry;
        r.Check(coastal.Contains(GeoFactory.Point(30.85, 46.35)) && coastal.Contains(GeoFactory.Point(36.60, 46.55)),
            "coastal zone covers Black Sea water off Odesa (30.85, 46.35) and Sea of Azov water off Berdiansk (36.60, 46.55)");
        r.Check(coast[0].Geometry is MultiLineString && coast[0].Geometry.Length > 0,
            $"coast.geojson: MultiLineString, {proj.Project(coast[0].Geometry).Length / 1000:F0} km");
        r.Check(neighbours.Select(n => (string)n.Attributes["iso_a2"]).Order().SequenceEqual(["BY", "HU", "MD", "PL", "RO", "RU", "SK"]),
            "neighbours.geojson: BY, HU, MD, PL, RO, RU, SK");
        r.Check(!neighbours.First(n => (string)n.Attributes["iso_a2"] == "RU").Geometry.Contains(GeoFactory.Point(34.10, 44.95)),
            "neighbours: Russia does not contain Simferopol");

        foreach (var (file, pts) in new[] { ("places.csv", places), ("sites.csv", sites), ("entry_points.csv", entries), ("demand_points.csv", demand) })
        {
            var outside = pts.Where(p => !borderGeom.Contains(GeoFactory.Point(p.Value.Lon, p.Value.Lat))).Select(p => p.Key).ToList();
            r.Check(outside.Count == 0, $"{file}: all {pts.Count} points inside the border" + (outside.Count > 0 ? $"; outside: {string.Join(", ", outside)}" : ""));
        }

        var exclusion = zones.Where(z => (string)z.Attributes["kind"] == "exclusion").Select(z => proj.Project(z.Geometry)).ToList();
        if (exclusion.Count > 0)
        {
            var siteDistances = sites.ToDictionary(s => s.Key, s => exclusion.Min(z => z.Distance(proj.Project(GeoFactory.Point(s.Value.Lon, s.Value.Lat)))) / 1000);
            r.Pass($"stand-off: {siteDistances.Count(d => d.Value == 0)} site(s) inside the exclusion zone, {siteDistances.Count(d => d.Value is > 0 and <= 50)} within 50 km of it, {siteDistances.Count(d => d.Value is > 50 and <= 100)} within 100 km");
        }

        if (File.Exists(Path.Combine(dir, "control.geojson")) && ReadGeo(r, dir, "control.geojson") is { } control)
        {
            int bad = control.Count(f => !f.Geometry.IsValid || !RingsRfc7946(f.Geometry) || !Rounded(f.Geometry));
            r.Check(bad == 0, $"control.geojson: {control.Count} areas, all valid, shells CCW / holes CW, 6 decimals");
            var line = control.Where(f => (string)f.Attributes["status"] is "occupied" or "contested").Select(f => proj.Project(f.Geometry)).ToList();
            r.Check(control.Any(f => (string)f.Attributes["status"] == "occupied" && f.Geometry.Contains(GeoFactory.Point(34.10, 44.95))),
                "control: the occupied area contains Simferopol (34.10, 44.95)");
            if (line.Count > 0)
            {
                var near = demand.Where(d => line.Min(g => g.Distance(proj.Project(GeoFactory.Point(d.Value.Lon, d.Value.Lat)))) / 1000 < TheatreBuilder.LineStandoffKm)
                    .Select(d => d.Key).ToList();
                r.Check(near.Count == 0, $"demand_points.csv: none in occupied or contested ground or within {TheatreBuilder.LineStandoffKm} km of it" +
                    (near.Count > 0 ? $"; too close: {string.Join(", ", near)}" : ""));
            }
        }

        int gross = t["vehicle_types.csv"].Column("gross_weight_t");
        double heaviest = t["vehicle_types.csv"].Rows.Max(x => Csv.ParseNum(x[gross], "vehicle_types.csv gross_weight_t"));
        CheckRoads(r, t["road_nodes.csv"], roads, places, sites, entries, borderGeom, heaviest);
        return r.Finish();
    }

    private static void CheckRoads(Report r, CsvTable nodeTable, FeatureCollection roads,
        Dictionary<string, (double Lon, double Lat)> places, Dictionary<string, (double Lon, double Lat)> sites,
        Dictionary<string, (double Lon, double Lat)> entries, Geometry border, double heaviestGrossT)
    {
        var proj = UkraineEqualArea.Instance;
        var nodes = new Dictionary<long, (string Name, double Lon, double Lat)>();
        foreach (var row in nodeTable.Rows)
        {
            if (!long.TryParse(row[0], out var id) || !nodes.TryAdd(id, (row[1], Csv.ParseNum(row[2], "road_nodes"), Csv.ParseNum(row[3], "road_nodes"))))
            {
                r.Fail($"road_nodes.csv: id '{row[0]}' is not a unique integer");
            }
        }

        var classes = new HashSet<string> { "motorway", "trunk", "primary", "secondary", "tertiary" };
        var edges = new List<(long From, long To, double LengthM, string? Ref, LineString Line, double? MaxW, string? Class)>();
        var edgeIds = new HashSet<long>();
        int badEnds = 0, badProps = 0;
        double worstGap = 0;
        foreach (var f in roads)
        {
            var a = f.Attributes;
            if (f.Geometry is not LineString line || !long.TryParse(Convert.ToString(a["id"], System.Globalization.CultureInfo.InvariantCulture), out var eid) || !edgeIds.Add(eid))
            {
                r.Fail($"roads.geojson: feature {a.GetOptionalValue("id")} is not a LineString with a unique integer id");
                continue;
            }

            long from = Convert.ToInt64(a["from"], System.Globalization.CultureInfo.InvariantCulture);
            long to = Convert.ToInt64(a["to"], System.Globalization.CultureInfo.InvariantCulture);
            if (!nodes.TryGetValue(from, out var nf) || !nodes.TryGetValue(to, out var nt))
            {
                r.Fail($"roads.geojson: edge {eid} references a missing node ({from} or {to})");
                continue;
            }

            var cls = a["class"] as string;
            var speed = Convert.ToDouble(a["speed_kmh"], System.Globalization.CultureInfo.InvariantCulture);
            if (cls is null || !classes.Contains(cls) || speed <= 0 || a["oneway"] is not bool || !a.Exists("max_weight_t"))
            {
                badProps++;
            }

            var c = line.Coordinates;
            double g1 = Wgs84Geodesic.Distance(c[0].X, c[0].Y, nf.Lon, nf.Lat);
            double g2 = Wgs84Geodesic.Distance(c[^1].X, c[^1].Y, nt.Lon, nt.Lat);
            worstGap = Math.Max(worstGap, Math.Max(g1, g2));
            if (g1 > MaxEndGapM || g2 > MaxEndGapM)
            {
                badEnds++;
                r.Fail($"roads.geojson: edge {eid} ends {g1:F0} m / {g2:F0} m from its nodes");
            }

            double? maxW = a["max_weight_t"] is null ? null : Convert.ToDouble(a["max_weight_t"], System.Globalization.CultureInfo.InvariantCulture);
            edges.Add((from, to, Wgs84Geodesic.PolylineLength(c), a.GetOptionalValue("ref") as string, line, maxW, cls));
        }

        r.Check(edges.Count >= 150, $"roads.geojson: {edges.Count} segments (>= 150), {edges.Sum(e => e.LengthM) / 1000:F0} km, {nodes.Count} nodes");
        r.Check(badProps == 0, $"roads.geojson: class/speed/oneway/max_weight_t well-formed ({badProps} bad)");
        r.Check(badEnds == 0, $"roads.geojson: polyline ends within {MaxEndGapM} m of their nodes (worst {worstGap:F1} m)");
        var refs = edges.Where(e => e.Ref is not null).Select(e => e.Ref!).Distinct().ToList();
        r.Pass($"roads: {refs.Count(x => x.StartsWith('M'))} M-roads, {refs.Count(x => x.StartsWith('H'))} H-roads, {edges.Count(e => e.MaxW is not null)} weight-limited segments");

        // Connectivity (union-find over the undirected graph).
        var parent = nodes.Keys.ToDictionary(k => k, k => k);
        long Find(long x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        foreach (var e in edges)
        {
            parent[Find(e.From)] = Find(e.To);
        }

        var components = nodes.Keys.GroupBy(Find).OrderByDescending(g => g.Count()).ToList();
        r.Check(components.Count == 1, $"road network: {components.Count} connected component(s)" +
            (components.Count > 1 ? "; isolated: " + string.Join("; ", components.Skip(1).Select(g => string.Join(", ", g.Select(n => nodes[n].Name)))) : ""));

        // The heaviest vehicle must detour around weight limits, never be cut off: the network without the
        // segments it may not use must still be one component.
        var heavyParent = nodes.Keys.ToDictionary(k => k, k => k);
        long FindHeavy(long x)
        {
            while (heavyParent[x] != x)
            {
                heavyParent[x] = heavyParent[heavyParent[x]];
                x = heavyParent[x];
            }

            return x;
        }

        foreach (var e in edges.Where(e => e.MaxW is null || e.MaxW >= heaviestGrossT))
        {
            heavyParent[FindHeavy(e.From)] = FindHeavy(e.To);
        }

        int heavyComponents = nodes.Keys.Select(FindHeavy).Distinct().Count();
        r.Check(heavyComponents == 1, $"road network for the heaviest vehicle ({heaviestGrossT:F0} t gross, {edges.Count(e => e.MaxW < heaviestGrossT)} segments barred): {heavyComponents} component(s)");

        // Reach: every place, site and entry point within 25 km of a node or an edge (distance in the plane).
        var edgeLines = edges.Select(e => proj.Project(e.Line)).ToList();
        var nodePoints = nodes.Values.Select(n => proj.Project(GeoFactory.Point(n.Lon, n.Lat))).ToList();
        double worstReach = 0;
        string worstName = "";
        int far = 0;
        foreach (var (kind, pts) in new[] { ("place", places), ("site", sites), ("entry point", entries) })
        {
            foreach (var (id, p) in pts)
            {
                var pp = proj.Project(GeoFactory.Point(p.Lon, p.Lat));
                double d = Math.Min(edgeLines.Min(l => l.Distance(pp)), nodePoints.Min(n => n.Distance(pp))) / 1000;
                if (d > worstReach)
                {
                    worstReach = d;
                    worstName = id;
                }

                if (d > MaxReachKm)
                {
                    far++;
                    r.Fail($"{kind} '{id}' is {d:F1} km from the road network");
                }
            }
        }

        r.Check(far == 0, $"reach: every place, site and entry point within {MaxReachKm} km of the roads (farthest: {(worstName.Length > 0 ? worstName : "all on a node")} {worstReach:F1} km)");
        var longestLink = edges.Where(e => e.Class == "tertiary").MaxBy(e => e.LengthM);
        r.Pass($"longest tertiary access link: {nodes[longestLink.From].Name} - {nodes[longestLink.To].Name} {longestLink.LengthM / 1000:F1} km");

        // Roads on land: report segments leaving the border (known bridges, dams, the Palanca transit).
        var borderProj = proj.Project(border);
        var leaving = new List<string>();
        for (int i = 0; i < edges.Count; i++)
        {
            double outside = OverlayNGRobust.Overlay(edgeLines[i], borderProj, NetTopologySuite.Operation.Overlay.SpatialFunction.Difference).Length;
            if (outside > RoadBuilder.MaxOutsideM)
            {
                leaving.Add($"{nodes[edges[i].From].Name}-{nodes[edges[i].To].Name} {outside / 1000:F1} km");
                if (outside > 0.5 * edgeLines[i].Length)
                {
                    r.Fail($"road {nodes[edges[i].From].Name}-{nodes[edges[i].To].Name} lies mostly outside the border");
                }
            }
        }

        r.Pass($"roads outside the 1:10m land polygon by > {RoadBuilder.MaxOutsideM} m: {leaving.Count}" + (leaving.Count > 0 ? $" ({string.Join("; ", leaving)})" : ""));

        // Kyiv -> Lviv by Dijkstra, on the whole network and on M06 alone.
        long Nearest((double Lon, double Lat) p) => nodes.MinBy(n => Wgs84Geodesic.Distance(n.Value.Lon, n.Value.Lat, p.Lon, p.Lat)).Key;
        long kyiv = Nearest(places["kyiv"]), lviv = Nearest(places["lviv"]);
        double all = ShortestKm(edges.Select(e => (e.From, e.To, e.LengthM)), kyiv, lviv);
        double m06 = ShortestKm(edges.Where(e => e.Ref == "M06").Select(e => (e.From, e.To, e.LengthM)), kyiv, lviv);
        // Road distances a planner knows (approximate real figures, km; Lviv-Uzhhorod by H13 via Sambir): the schematic network should come
        // within -15 % / +10 % (straight segments between towns run a little short).
        foreach (var (from, to, real) in ReferenceRoutes)
        {
            if (!places.TryGetValue(from, out var pf) || !places.TryGetValue(to, out var pt))
            {
                continue;
            }

            double km = ShortestKm(edges.Select(e => (e.From, e.To, e.LengthM)), Nearest(pf), Nearest(pt));
            r.Check(km >= real * 0.85 && km <= real * 1.10, $"road distance {from} -> {to}: {km:F0} km (real ~{real} km, {(km / real - 1) * 100:+0;-0} %)");
        }

        r.Check(m06 is >= 475 and <= 605, $"Kyiv -> Lviv along M06: {m06:F0} km (475..605; real ~540); shortest on the network: {all:F0} km");
    }

    /// <summary>Dijkstra over undirected edges; +inf when unreachable.</summary>
    internal static double ShortestKm(IEnumerable<(long From, long To, double LengthM)> edges, long source, long target)
    {
        var adj = new Dictionary<long, List<(long, double)>>();
        foreach (var (a, b, len) in edges)
        {
            (adj.TryGetValue(a, out var la) ? la : adj[a] = []).Add((b, len));
            (adj.TryGetValue(b, out var lb) ? lb : adj[b] = []).Add((a, len));
        }

        var dist = new Dictionary<long, double> { [source] = 0 };
        var queue = new PriorityQueue<long, double>();
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out var u, out var du))
        {
            if (u == target)
            {
                return du / 1000;
            }

            if (du > dist[u] || !adj.TryGetValue(u, out var next))
            {
                continue;
            }

            foreach (var (v, len) in next)
            {
                double nd = du + len;
                if (!dist.TryGetValue(v, out var dv) || nd < dv)
                {
                    dist[v] = nd;
                    queue.Enqueue(v, nd);
                }
            }
        }

        return double.PositiveInfinity;
    }

    private static bool RingsRfc7946(Geometry g)
    {
        foreach (var p in GeometryBuilder.Polygons(g))
        {
            if (!Orientation.IsCCW(p.ExteriorRing.Coordinates))
            {
                return false;
            }

            for (int i = 0; i < p.NumInteriorRings; i++)
            {
                if (Orientation.IsCCW(p.GetInteriorRingN(i).Coordinates))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Rounded(Geometry g)
        => g.Coordinates.All(c => Math.Round(c.X, 6) == c.X && Math.Round(c.Y, 6) == c.Y);

    private static FeatureCollection? ReadGeo(Report r, string dir, string file)
    {
        var path = Path.Combine(dir, file);
        if (!File.Exists(path))
        {
            r.Fail($"{file}: missing");
            return null;
        }

        return GeoJsonIo.Read(path);
    }

    private static Dictionary<string, (double Lon, double Lat)> Points(Report r, CsvTable t, string idColumn)
    {
        int id = t.Column(idColumn), lon = t.Column("lon"), lat = t.Column("lat");
        var result = new Dictionary<string, (double, double)>();
        foreach (var row in t.Rows)
        {
            if (!Slug().IsMatch(row[id]))
            {
                r.Fail($"{t.FileName}: id '{row[id]}' is not a lower-case slug");
            }

            double x = Csv.ParseNum(row[lon], $"{t.FileName} {row[id]} lon"), y = Csv.ParseNum(row[lat], $"{t.FileName} {row[id]} lat");
            if (x is < 22 or > 40.3 || y is < 44.3 or > 52.4)
            {
                r.Fail($"{t.FileName}: '{row[id]}' at ({x}, {y}) is outside Ukraine's bounding box");
            }

            if (!result.TryAdd(row[id], (x, y)))
            {
                r.Fail($"{t.FileName}: duplicate id '{row[id]}'");
            }
        }

        r.Check(result.Count == t.Rows.Count, $"{t.FileName}: {t.Rows.Count} rows, ids unique", quiet: true);
        return result;
    }

    private static HashSet<string> Ids(Report r, CsvTable t, string idColumn)
    {
        int id = t.Column(idColumn);
        var ids = new HashSet<string>();
        foreach (var row in t.Rows)
        {
            if (!Slug().IsMatch(row[id]) || !ids.Add(row[id]))
            {
                r.Fail($"{t.FileName}: id '{row[id]}' is not a unique lower-case slug");
            }
        }

        return ids;
    }

    private static void Enum(Report r, CsvTable t, string column, params string[] allowed)
    {
        int c = t.Column(column);
        var bad = t.Rows.Select(x => x[c]).Where(v => !allowed.Contains(v)).Distinct().ToList();
        r.Check(bad.Count == 0, $"{t.FileName}: {column} in {{{string.Join(", ", allowed)}}}" + (bad.Count > 0 ? $"; found {string.Join(", ", bad)}" : ""), quiet: bad.Count == 0);
    }

    private static void Numbers(Report r, CsvTable t, params string[] columns)
    {
        foreach (var column in columns)
        {
            int c = t.Column(column);
            foreach (var row in t.Rows)
            {
                if (!double.TryParse(row[c], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) || v < 0)
                {
                    r.Fail($"{t.FileName}: {column} '{row[c]}' is not a non-negative number (row {row[0]})");
                }
            }
        }
    }

    /// <summary>Collects check results and prints PASS/FAIL lines and a summary.</summary>
    private sealed class Report(TextWriter log)
    {
        private int _passed;
        private int _failed;

        public void Pass(string what)
        {
            _passed++;
            log.WriteLine($"PASS  {what}");
        }

        public void Fail(string what)
        {
            _failed++;
            log.WriteLine($"FAIL  {what}");
        }

        public void Check(bool ok, string what, bool quiet = false)
        {
            if (ok && quiet)
            {
                _passed++;
            }
            else if (ok)
            {
                Pass(what);
            }
            else
            {
                Fail(what);
            }
        }

        public bool Finish()
        {
            log.WriteLine($"check: {_passed} passed, {_failed} failed");
            return _failed == 0;
        }
    }
}
