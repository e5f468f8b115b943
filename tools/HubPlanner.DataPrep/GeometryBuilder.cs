using HubPlanner.Core.Geo;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Buffer;
using NetTopologySuite.Operation.Linemerge;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;

namespace HubPlanner.DataPrep;

/// <summary>
/// Derives border, coast, neighbours and zones from the raw Natural Earth extraction. Every metric
/// operation (buffers, simplification, areas) runs in the Ukraine LAEA plane; the Ukraine ∪ Crimea union
/// runs in lon/lat because both inputs share the exact same TopoJSON arc vertices there, so no new
/// coordinates are created and the shared Perekop boundary dissolves exactly.
/// </summary>
internal static class GeometryBuilder
{
    /// <summary>12 nautical miles, the territorial-sea breadth (UNCLOS art. 3), in metres.</summary>
    public const double TerritorialSeaM = 22_224;

    /// <summary>Simferopol: the Russia-feature polygon containing it is Crimea in Natural Earth's default view.</summary>
    public static readonly (double Lon, double Lat) Simferopol = (34.10, 44.95);

    /// <summary>Sevastopol, checked to lie inside the result.</summary>
    public static readonly (double Lon, double Lat) Sevastopol = (33.52, 44.60);

    /// <summary>Reference area of Ukraine incl. Crimea (km²) and the accepted relative deviation.</summary>
    public const double ReferenceAreaKm2 = 603_628;

    private static readonly PrecisionModel Micro = new(1e6);

    /// <summary>Priority zones: centre place id, name, radius (km), weight (illustrative).</summary>
    private static readonly (string PlaceId, string Name, double RadiusKm, double Weight)[] Priorities =
    [
        ("kyiv", "Kyiv capital region", 50, 3.0),
        ("odesa", "Odesa port area", 40, 2.5),
        ("lviv", "Lviv western hub", 35, 2.0),
        ("dnipro", "Dnipro", 40, 2.0),
        ("kharkiv", "Kharkiv", 40, 2.0),
        ("zaporizhzhia", "Zaporizhzhia", 35, 1.5),
        ("mykolaiv", "Mykolaiv", 30, 1.5),
        ("vinnytsia", "Vinnytsia", 30, 1.0),
    ];

    public static void Build(string rawDir, string outDir, double landwardKm, TextWriter log)
    {
        var proj = UkraineEqualArea.Instance;
        var countries = GeoJsonIo.Read(Path.Combine(rawDir, "countries.geojson"));
        IFeature Country(string iso2) => countries.FirstOrDefault(f => (string)f.Attributes["iso_a2"] == iso2)
            ?? throw new InvalidDataException($"countries.geojson has no feature {iso2}");

        var ukraine = GeometryFixer.Fix(Country("UA").Geometry);
        var russia = GeometryFixer.Fix(Country("RU").Geometry);
        var simferopol = GeoFactory.Point(Simferopol.Lon, Simferopol.Lat);
        var crimea = Polygons(russia).SingleOrDefault(p => p.Contains(simferopol))
            ?? throw new InvalidDataException("no Russia-feature polygon contains Simferopol: the source changed");

        var border = ToMultiPolygon(Reduce(OverlayNGRobust.Overlay(ukraine, crimea, SpatialFunction.Union)));
        var area = proj.AreaKm2(border);
        var dev = Math.Abs(area / ReferenceAreaKm2 - 1);
        log.WriteLine($"border: {border.NumGeometries} polygons, {border.NumPoints} vertices, {area:F0} km² ({dev:P2} from {ReferenceAreaKm2:F0}), valid={border.IsValid}");
        if (!border.IsValid || dev > 0.015 || !border.Contains(simferopol) ||
            !border.Contains(GeoFactory.Point(Sevastopol.Lon, Sevastopol.Lat)))
        {
            throw new InvalidDataException("the border fails its acceptance checks (validity, area, Crimea)");
        }

        var borderProj = proj.Project(border);

        // Coast: arcs used by one country only (from extract.mjs) that lie on the final border. The buffer
        // tolerance (50 m) is far below the ~200 m quantisation of the 1:10m TopoJSON.
        var candidates = GeoJsonIo.Read(Path.Combine(rawDir, "coast-candidates.geojson"))[0].Geometry;
        var onBorder = OverlayNGRobust.Overlay(proj.Project(candidates), borderProj.Boundary.Buffer(50), SpatialFunction.Intersection);
        var merger = new LineMerger();
        merger.Add(onBorder);
        var pieces = merger.GetMergedLineStrings().Cast<LineString>().Where(l => l.Length > 1000).ToArray();
        var coastProj = GeoFactory.Metric.CreateMultiLineString(pieces);
        var coast = ReduceLines(proj.Unproject(coastProj));
        log.WriteLine($"coast: {coast.NumGeometries} lines, {coastProj.Length / 1000:F0} km");

        // Neighbours: clipped to a window around Ukraine (Russia reaches the Pacific) and simplified to
        // 500 m in the plane: they are a context layer only.
        var window = GeoFactory.Wgs84.ToGeometry(new Envelope(12, 50, 40, 60));
        var neighbourFeatures = new List<OutFeature>();
        var land = new List<Geometry> { borderProj };
        foreach (var iso in new[] { "PL", "SK", "HU", "RO", "MD", "BY", "RU" })
        {
            var f = Country(iso);
            var g = iso == "RU" ? OverlayNGRobust.Overlay(russia, crimea, SpatialFunction.Difference) : GeometryFixer.Fix(f.Geometry);
            g = OverlayNGRobust.Overlay(g, window, SpatialFunction.Intersection);
            var gp = proj.Project(g);
            land.Add(gp);
            var simplified = TopologyPreservingSimplifier.Simplify(gp, 500);
            var back = ToMultiPolygon(Reduce(proj.Unproject(simplified)));
            neighbourFeatures.Add(new OutFeature(
                [new("name", (string)f.Attributes["name"]), new("iso_a2", iso)], back));
        }

        // Coastal zone: the 12 nm seaward band (coast buffer minus all land) plus a landward band inside
        // Ukraine. Both are built in the plane so the widths are true metres.
        var landProj = OverlayNGRobust.Union(land);
        var bufferParams = new BufferParameters { QuadrantSegments = 16 };
        var seaward = OverlayNGRobust.Overlay(BufferOp.Buffer(coastProj, TerritorialSeaM, bufferParams), landProj, SpatialFunction.Difference);
        Geometry coastalProj = seaward;
        if (landwardKm > 0)
        {
            var landward = OverlayNGRobust.Overlay(BufferOp.Buffer(coastProj, landwardKm * 1000, bufferParams), borderProj, SpatialFunction.Intersection);
            coastalProj = OverlayNGRobust.Overlay(seaward, landward, SpatialFunction.Union);
        }

        // Drop slivers left by the 50 m tolerance where the coast meets a land boundary.
        coastalProj = GeoFactory.Metric.BuildGeometry(Polygons(coastalProj).Where(p => p.Area > 1e6).ToArray());
        var coastal = ToMultiPolygon(Reduce(proj.Unproject(coastalProj)));
        log.WriteLine($"coastal zone: {coastalProj.Area / 1e6:F0} km² (seaward {TerritorialSeaM / 1000:F3} km, landward {landwardKm} km)");

        // The contact line and the demand points are no longer zones here: the dated control map and the force's
        // demand come from `theatre` (TheatreBuilder), which runs after this step.
        var zones = new List<OutFeature>
        {
            Zone("ua-airspace", "Airspace of Ukraine", "airspace", 1.0, null, border),
            Zone("ua-coastal", "Black Sea and Sea of Azov coastal zone", "coastal", 1.0, null, coastal),
        };

        var places = CsvTable.Read(Path.Combine(outDir, "places.csv"));
        int idCol = places.Column("id"), lonCol = places.Column("lon"), latCol = places.Column("lat");
        foreach (var (placeId, name, radiusKm, weight) in Priorities)
        {
            var row = places.Rows.FirstOrDefault(r => r[idCol] == placeId)
                ?? throw new InvalidDataException($"places.csv has no place '{placeId}' for a priority zone");
            var disc = GeodesicDisc(Csv.ParseNum(row[lonCol], placeId), Csv.ParseNum(row[latCol], placeId), radiusKm * 1000, 128);
            var clipped = Reduce(proj.Unproject(OverlayNGRobust.Overlay(proj.Project(disc), borderProj, SpatialFunction.Intersection)));
            zones.Add(Zone($"priority-{placeId}", $"{name} ({radiusKm:F0} km)", "priority", weight, true, clipped));
        }

        foreach (var z in zones)
        {
            if (!z.Geometry.IsValid)
            {
                throw new InvalidDataException($"zone {z.Properties[0].Value} is not valid after rounding");
            }
        }

        GeoJsonIo.Write(Path.Combine(outDir, "border.geojson"),
            [new OutFeature([new("id", "ukraine"), new("name", "Ukraine"), new("iso_a2", "UA"),
                new("source", "Natural Earth 1:10m admin-0 (world-atlas 2.0.2), Ukraine with Crimea and Sevastopol (UNGA res. 68/262)"),
                new("area_km2", Math.Round(area))], border)]);
        GeoJsonIo.Write(Path.Combine(outDir, "coast.geojson"),
            [new OutFeature([new("id", "ua-coast"), new("name", "Black Sea and Sea of Azov coastline of Ukraine"),
                new("length_km", Math.Round(coastProj.Length / 1000))], coast)]);
        GeoJsonIo.Write(Path.Combine(outDir, "neighbours.geojson"), neighbourFeatures);
        GeoJsonIo.Write(Path.Combine(outDir, "zones.geojson"), zones);
        log.WriteLine($"wrote border, coast, neighbours ({neighbourFeatures.Count}), zones ({zones.Count}) to {outDir}");
    }

    private static OutFeature Zone(string id, string name, string kind, double weight, bool? illustrative, Geometry g)
    {
        var props = new List<KeyValuePair<string, object?>>
        {
            new("id", id), new("name", name), new("kind", kind), new("weight", weight),
        };
        if (illustrative is not null)
        {
            props.Add(new("illustrative", illustrative.Value));
        }

        return new OutFeature(props, g);
    }

    /// <summary>A geodesic circle (points at exact WGS84 distance) as a lon/lat polygon.</summary>
    internal static Polygon GeodesicDisc(double lon, double lat, double radiusM, int segments)
    {
        var ring = new Coordinate[segments + 1];
        for (int i = 0; i < segments; i++)
        {
            // Azimuths run clockwise from north; walking them backwards gives the CCW shell RFC 7946 wants.
            var (x, y) = Wgs84Geodesic.Direct(lon, lat, 360.0 * (segments - i) / segments, radiusM);
            ring[i] = new Coordinate(x, y);
        }

        ring[segments] = ring[0].Copy();
        return GeoFactory.Wgs84.CreatePolygon(ring);
    }

    internal static IEnumerable<Polygon> Polygons(Geometry g)
    {
        for (int i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is Polygon p && !p.IsEmpty)
            {
                yield return p;
            }
        }
    }

    /// <summary>Rounds to 6 decimals (what the files hold) keeping the polygon valid.</summary>
    internal static Geometry Reduce(Geometry g)
    {
        var reduced = GeometryPrecisionReducer.Reduce(g, Micro);
        return GeoFactory.Wgs84.CreateGeometry(reduced);
    }

    private static MultiLineString ReduceLines(Geometry g)
    {
        var lines = new List<LineString>();
        for (int i = 0; i < g.NumGeometries; i++)
        {
            var coords = g.GetGeometryN(i).Coordinates
                .Select(c => new Coordinate(Math.Round(c.X, 6), Math.Round(c.Y, 6))).ToArray();
            lines.Add(GeoFactory.Wgs84.CreateLineString(coords));
        }

        return GeoFactory.Wgs84.CreateMultiLineString(lines.ToArray());
    }

    internal static MultiPolygon ToMultiPolygon(Geometry g)
        => g as MultiPolygon ?? GeoFactory.Wgs84.CreateMultiPolygon(Polygons(g).ToArray());
}
