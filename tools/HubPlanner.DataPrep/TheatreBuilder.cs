using System.Globalization;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Simplify;

namespace HubPlanner.DataPrep;

/// <summary>
/// Builds the theatre files from hand-written specs and the outlines already in the dataset folder:
/// <c>control.geojson</c> (the dated, approximate control map of <c>tools/dataprep/control.spec</c>, with Russia and
/// Belarus from <c>neighbours.geojson</c> as hostile states and the Transnistria region inactive) and
/// <c>demand_points.csv</c> (the force's own demand: contingents at garrison places, none in occupied territory
/// or within the line stand-off). Every metric operation runs in the Ukraine LAEA plane.
/// </summary>
internal static class TheatreBuilder
{
    /// <summary>Demand points lie at least this far from occupied or contested ground, km.</summary>
    public const double LineStandoffKm = 30;

    /// <summary>Per-person daily planning factors, kg (approximate, see data/README.md).</summary>
    public static readonly (string Class, double KgPerPersonDay)[] Factors =
    [
        ("subsistence", 2.0), ("water", 10.0), ("fuel", 15.0), ("ammunition", 10.0),
    ];

    public sealed record Spec(string AsOf, string Source, IReadOnlyList<Coordinate> Line,
        IReadOnlyList<(string Id, double RadiusKm, double Lon, double Lat, string Name)> Contested, IReadOnlyList<Coordinate> Transnistria);

    public static Spec ReadSpec(string path)
    {
        string? asOf = null, source = null;
        var line = new List<Coordinate>();
        var contested = new List<(string, double, double, double, string)>();
        var transnistria = new List<Coordinate>();
        int n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double Num(int i) => i < parts.Length && double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new InvalidDataException($"{Path.GetFileName(path)}:{n}: expected a number in field {i + 1}: {text}");
            switch (parts[0])
            {
                case "as_of": asOf = parts[1]; break;
                case "source": source = text["source".Length..].Trim(); break;
                case "line": line.Add(new Coordinate(Num(1), Num(2))); break;
                case "transnistria": transnistria.Add(new Coordinate(Num(1), Num(2))); break;
                case "contested" when parts.Length >= 6:
                    contested.Add((parts[1], Num(2), Num(3), Num(4), string.Join(' ', parts[5..])));
                    break;
                default: throw new InvalidDataException($"{Path.GetFileName(path)}:{n}: unknown line: {text}");
            }
        }

        if (asOf is null || source is null || line.Count < 3)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: needs as_of, source and at least 3 line vertices");
        }

        return new Spec(asOf, source, line, contested, transnistria);
    }

    public static void Build(string specPath, string dir, TextWriter log)
    {
        var spec = ReadSpec(specPath);
        var proj = UkraineEqualArea.Instance;
        var border = GeoJsonIo.Read(Path.Combine(dir, "border.geojson"))[0].Geometry;
        var borderProj = proj.Project(border);
        var neighbours = GeoJsonIo.Read(Path.Combine(dir, "neighbours.geojson"));
        Geometry Neighbour(string iso) => neighbours.First(f => (string)f.Attributes["iso_a2"] == iso).Geometry;

        var occupiedProj = OverlayNGRobust.Overlay(proj.Project(OccupiedSide(spec.Line)), borderProj, SpatialFunction.Intersection);
        occupiedProj = Clean(occupiedProj);
        var occupied = GeometryBuilder.ToMultiPolygon(GeometryBuilder.Reduce(proj.Unproject(occupiedProj)));
        log.WriteLine($"occupied: {proj.AreaKm2(occupied):F0} km² ({100 * proj.AreaKm2(occupied) / proj.AreaKm2(border):F1} % of Ukraine)");

        var features = new List<OutFeature>
        {
            Area("occupied", "Occupied territory of Ukraine (Crimea, the south and the east)", "occupied", spec, true, occupied),
        };
        foreach (var (id, radiusKm, lon, lat, name) in spec.Contested)
        {
            var disc = proj.Project(GeometryBuilder.GeodesicDisc(lon, lat, radiusKm * 1000, 64));
            var ground = OverlayNGRobust.Overlay(OverlayNGRobust.Overlay(disc, borderProj, SpatialFunction.Intersection), occupiedProj, SpatialFunction.Difference);
            ground = Clean(ground);
            if (!ground.IsEmpty)
            {
                features.Add(Area($"contested-{id}", $"Contested ground at {name}", "contested", spec, true,
                    GeometryBuilder.ToMultiPolygon(GeometryBuilder.Reduce(proj.Unproject(ground)))));
            }
        }

        features.Add(new OutFeature(Props("russia", "Russia", "hostile_state", spec.AsOf,
            "Natural Earth 1:10m outline (neighbours.geojson), without Crimea", true), Neighbour("RU")));
        features.Add(new OutFeature(Props("belarus", "Belarus", "hostile_state", spec.AsOf,
            "Natural Earth 1:10m outline (neighbours.geojson); hostile by planning assumption", true), Neighbour("BY")));
        if (spec.Transnistria.Count >= 3)
        {
            var ring = spec.Transnistria.Append(spec.Transnistria[0]).Select(c => c.Copy()).ToArray();
            var outline = OverlayNGRobust.Overlay(GeoFactory.Wgs84.CreatePolygon(ring), Neighbour("MD"), SpatialFunction.Intersection);
            features.Add(new OutFeature(Props("transnistria", "Transnistria region (Moldova)", "hostile_state", spec.AsOf,
                "approximate outline of the left bank of the Dniester, written from general knowledge; available, inactive by default", false),
                GeometryBuilder.ToMultiPolygon(GeometryBuilder.Reduce(outline))));
        }

        foreach (var f in features)
        {
            if (!f.Geometry.IsValid || f.Geometry.IsEmpty)
            {
                throw new InvalidDataException($"control area {f.Properties[0].Value} is empty or invalid after rounding");
            }
        }

        GeoJsonIo.Write(Path.Combine(dir, "control.geojson"), features);
        log.WriteLine($"wrote control.geojson ({features.Count} areas, as of {spec.AsOf})");

        var hostile = OverlayNGRobust.Union(features.Where(f => (string)f.Properties[2].Value! is "occupied" or "contested")
            .Select(f => proj.Project(f.Geometry)).ToArray());
        WriteDemand(dir, hostile, log);
        WriteUrban(dir, borderProj, log);
    }

    /// <summary>
    /// Urban areas, approximate: a geodesic disc around each place of at least 50,000 people, of the area its
    /// population fills at 3,000 people/km² (HubPlanner.Core.Theatre.UrbanAreas.DiscRadiusKm), clipped to the border.
    /// </summary>
    private static void WriteUrban(string dir, Geometry borderProj, TextWriter log)
    {
        var proj = UkraineEqualArea.Instance;
        var places = CsvTable.Read(Path.Combine(dir, "places.csv"));
        int id = places.Column("id"), name = places.Column("name"), lon = places.Column("lon"), lat = places.Column("lat"), pop = places.Column("population");
        var features = new List<OutFeature>();
        foreach (var r in places.Rows)
        {
            int people = (int)Csv.ParseNum(r[pop], r[id]);
            if (people < HubPlanner.Core.Theatre.UrbanAreas.MinPopulation)
            {
                continue;
            }

            double radiusKm = HubPlanner.Core.Theatre.UrbanAreas.DiscRadiusKm(people);
            var disc = proj.Project(GeometryBuilder.GeodesicDisc(Csv.ParseNum(r[lon], r[id]), Csv.ParseNum(r[lat], r[id]), radiusKm * 1000, 32));
            var clipped = GeometryBuilder.Reduce(proj.Unproject(OverlayNGRobust.Overlay(disc, borderProj, SpatialFunction.Intersection)));
            features.Add(new OutFeature(
                [new("id", r[id]), new("name", r[name]), new("population", people), new("radius_km", Math.Round(radiusKm, 1)), new("approximate", true)],
                GeometryBuilder.ToMultiPolygon(clipped)));
        }

        GeoJsonIo.Write(Path.Combine(dir, "urban_areas.geojson"), features);
        log.WriteLine($"urban areas: {features.Count} approximate discs (≥ {HubPlanner.Core.Theatre.UrbanAreas.MinPopulation:N0} people, {HubPlanner.Core.Theatre.UrbanAreas.DensityPerKm2:N0} people/km²)");
    }

    /// <summary>
    /// The force's own demand: a contingent at each oblast centre and at each town of ≥ 100,000 people outside
    /// occupied territory and the line stand-off (garrisons and forward locations behind the line), sized by
    /// role: forward (within 150 km of the line) 2,000 people, rear 500. demand_t = people × the sum of the
    /// daily factors; weight = people / 100.
    /// </summary>
    private static void WriteDemand(string dir, Geometry hostileLineProj, TextWriter log)
    {
        var proj = UkraineEqualArea.Instance;
        var places = CsvTable.Read(Path.Combine(dir, "places.csv"));
        int id = places.Column("id"), name = places.Column("name"), lon = places.Column("lon"), lat = places.Column("lat"),
            pop = places.Column("population"), centre = places.Column("oblast_centre");
        double kgPerPerson = Factors.Sum(f => f.KgPerPersonDay);
        var sb = new System.Text.StringBuilder("id,name,lon,lat,weight,demand_t\n");
        int n = 0, forward = 0;
        foreach (var r in places.Rows)
        {
            double x = Csv.ParseNum(r[lon], r[id]), y = Csv.ParseNum(r[lat], r[id]), p = Csv.ParseNum(r[pop], r[id]);
            bool garrison = r[centre] == "true" || p >= 100_000;
            var (px, py) = proj.Forward(x, y);
            double km = DistanceOp.Distance(hostileLineProj, GeoFactory.Metric.CreatePoint(new Coordinate(px, py))) / 1000;
            if (!garrison || km < LineStandoffKm)
            {
                continue;
            }

            int people = km <= 150 ? 2_000 : 500;
            forward += people == 2_000 ? 1 : 0;
            n++;
            var label = r[name].Contains(',', StringComparison.Ordinal) ? $"\"{r[name]}\"" : r[name];
            sb.Append(CultureInfo.InvariantCulture, $"{r[id]},{label},{r[lon]},{r[lat]},{Csv.Num(people / 100.0, 1)},{Csv.Num(people * kgPerPerson / 1000, 1)}\n");
        }

        File.WriteAllText(Path.Combine(dir, "demand_points.csv"), sb.ToString(), new System.Text.UTF8Encoding(false));
        log.WriteLine($"demand points: {n} contingents ({forward} forward of 2,000, {n - forward} rear of 500), {kgPerPerson} kg/person/day, none within {LineStandoffKm} km of the line");
    }

    /// <summary>The polygon east and south of the line, closed far outside Ukraine (in Russia and the Black Sea).</summary>
    internal static Polygon OccupiedSide(IReadOnlyList<Coordinate> line)
    {
        var ring = line.Select(c => c.Copy()).ToList();
        ring.Add(new Coordinate(45.0, line[^1].Y));
        ring.Add(new Coordinate(45.0, line[0].Y));
        ring.Add(line[0].Copy());
        var polygon = GeoFactory.Wgs84.CreatePolygon(ring.ToArray());
        return polygon.IsValid ? polygon : throw new InvalidDataException("the occupied side of the line is not a simple polygon: check the line's vertex order");
    }

    /// <summary>Drops slivers under 1 km² and smooths to 100 m (the map is good to ~10 km).</summary>
    private static Geometry Clean(Geometry g)
    {
        var parts = GeometryBuilder.Polygons(g).Where(p => p.Area > 1e6).ToArray();
        return TopologyPreservingSimplifier.Simplify(GeoFactory.Metric.BuildGeometry(parts), 100);
    }

    private static OutFeature Area(string id, string name, string status, Spec spec, bool active, Geometry g)
        => new(Props(id, name, status, spec.AsOf, spec.Source, active), g);

    private static List<KeyValuePair<string, object?>> Props(string id, string name, string status, string asOf, string source, bool active) =>
    [
        new("id", id), new("name", name), new("status", status), new("as_of", asOf), new("source", source), new("active", active),
    ];
}
