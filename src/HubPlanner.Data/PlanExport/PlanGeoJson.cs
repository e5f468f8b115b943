using System.Text.Json;
using HubPlanner.Core.Contract;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace HubPlanner.Data.PlanExport;

/// <summary>
/// Writes a plan as one RFC 7946 FeatureCollection: lon/lat WGS84, exterior rings counter-clockwise, no
/// <c>crs</c> member, coordinates rounded to 6 decimals (~0.1 m), and a <c>layer</c> property on every
/// feature (hubs, candidate_sites, entry_points, assignments, routes, coverage, gaps, zones, control, threat_rings). Attribute names and
/// numbers follow the JSON contract (snake_case, unit in the name, rounded by unit).
/// </summary>
public static class PlanGeoJson
{
    /// <summary>Layer names, in the order they are written.</summary>
    public static IReadOnlyList<string> Layers { get; } =
        ["zones", "control", "threat_rings", "coverage", "gaps", "candidate_sites", "entry_points", "assignments", "routes", "hubs"];

    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions { WriteIndented = false };
        o.Converters.Add(new GeoJsonConverterFactory(GeoFactory.Wgs84, writeGeometryBBox: false,
            idPropertyName: "id", ringOrientationOption: RingOrientationOption.EnforceRfc9746));
        return o;
    }

    /// <summary>Builds the feature collection of a plan over its problem.</summary>
    public static FeatureCollection Build(PlanningProblem problem, PlanResult result)
    {
        var fc = new FeatureCollection();
        var open = result.Hubs.Select(h => h.SiteId).ToHashSet(StringComparer.Ordinal);
        var ineligible = result.Ineligible.ToDictionary(i => i.SiteId, i => i.Reason, StringComparer.Ordinal);

        foreach (var z in problem.Zones)
        {
            fc.Add(F("zones", z.Geometry, ("id", z.Id), ("name", z.Name), ("kind", z.Kind.ToString().ToLowerInvariant()), ("weight", z.Weight)));
        }

        foreach (var c in problem.Data.Control)
        {
            fc.Add(F("control", c.Geometry, ("id", c.Id), ("name", c.Name), ("status", Input.FieldRules.Snake(c.Status)), ("as_of", c.AsOf),
                ("source", c.Source), ("active", c.Active)));
        }

        // Rings are clipped to the border: the exposure rings cover most of the country, and beyond it they say nothing.
        foreach (var (threat, ring) in Core.Theatre.ThreatMap.Create(problem.Data.Control, problem.Data.Threats).Rings(problem.Border))
        {
            fc.Add(F("threat_rings", ring, ("id", threat.Id), ("name", threat.Name), ("range_km", threat.RangeKm),
                ("effect", Input.FieldRules.Snake(threat.Effect)),
                ("applies_to", threat.AppliesTo.Count == 0 ? "all" : string.Join(";", threat.AppliesTo.Select(k => Input.FieldRules.Snake(k))))));
        }

        foreach (var band in result.Coverage)
        {
            fc.Add(F("coverage", band.Covered, ("target_altitude_m", band.TargetAltitudeM),
                ("airspace_pct", band.AirspacePct), ("coastal_pct", band.CoastalPct),
                ("covered_km2", band.AirspaceCoveredKm2)));
        }

        foreach (var g in result.Gaps)
        {
            fc.Add(F("gaps", g.Geometry, ("rank", g.Rank), ("target_altitude_m", g.TargetAltitudeM), ("area_km2", g.AreaKm2),
                ("nearest_hub", g.NearestHubId), ("nearest_hub_km", g.NearestHubKm)));
        }

        foreach (var s in problem.Sites)
        {
            fc.Add(F("candidate_sites", GeoFactory.Point(s.Lon, s.Lat), ("id", s.Id), ("name", s.Name),
                ("kind", s.Kind.ToString().ToLowerInvariant()), ("status", s.Status.ToString().ToLowerInvariant()),
                ("open", open.Contains(s.Id)), ("capacity_t", s.StorageCapacityT), ("fixed_cost", s.FixedCost),
                ("ineligible_reason", ineligible.GetValueOrDefault(s.Id))));
        }

        foreach (var e in problem.EntryPoints)
        {
            fc.Add(F("entry_points", GeoFactory.Point(e.Lon, e.Lat), ("id", e.Id), ("name", e.Name),
                ("kind", e.Kind == EntryKind.Port ? "port" : "border_crossing"), ("country", e.Country)));
        }

        foreach (var a in result.Assignments)
        {
            fc.Add(F("assignments", a.Geometry, ("demand_id", a.DemandId), ("demand_name", a.DemandName), ("hub", a.SiteId),
                ("km", a.Km), ("minutes", a.Minutes)));
        }

        foreach (var r in result.Routes)
        {
            fc.Add(F("routes", r.Geometry, ("vehicle", r.VehicleId), ("vehicle_type", r.VehicleTypeId), ("depot", r.DepotId),
                ("stops", string.Join(" → ", r.Stops.Select(s => s.LocationName))), ("km", r.Km),
                ("hours", r.Hours), ("cost", r.Cost)));
        }

        foreach (var h in result.Hubs)
        {
            fc.Add(F("hubs", GeoFactory.Point(h.Lon, h.Lat), ("id", h.SiteId), ("name", h.Name), ("kind", h.Kind),
                ("reason", h.Reason), ("demand_points", h.DemandPointsServed), ("equipment_t", h.EquipmentWeightT),
                ("equipment", string.Join(", ", h.Equipment.Select(e => $"{e.Quantity}× {e.EquipmentName}"))),
                ("hostile_distance_km", h.HostileDistanceKm), ("threat_rings", string.Join(", ", h.ThreatRings))));
        }

        return fc;
    }

    /// <summary>Serialises a feature collection as RFC 7946 text.</summary>
    public static string Serialize(FeatureCollection features) => JsonSerializer.Serialize(features, Options);

    /// <summary>Writes the plan to a file (UTF-8, via a temporary file so a reader never sees half a file), and each
    /// layer on its own next to it (<see cref="LayerPath"/>), so a GIS opens one geometry type per file.</summary>
    public static void Write(string path, PlanningProblem problem, PlanResult result)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var features = Build(problem, result);
        WriteText(path, Serialize(features));
        foreach (var layer in Layers)
        {
            var single = new FeatureCollection();
            foreach (var f in features.Where(f => (string)f.Attributes["layer"] == layer))
            {
                single.Add(f);
            }

            WriteText(LayerPath(path, layer), Serialize(single));
        }
    }

    /// <summary>The file of one layer next to the combined file: <c>plan.geojson</c> → <c>plan.hubs.geojson</c>.</summary>
    public static string LayerPath(string combinedPath, string layer)
    {
        ArgumentNullException.ThrowIfNull(combinedPath);
        var dir = Path.GetDirectoryName(combinedPath) ?? "";
        return Path.Combine(dir, $"{Path.GetFileNameWithoutExtension(combinedPath)}.{layer}.geojson");
    }

    private static void WriteText(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    private static Feature F(string layer, Geometry geometry, params (string Key, object? Value)[] props)
    {
        var attributes = new AttributesTable { { "layer", layer } };
        foreach (var (k, v) in props)
        {
            attributes.Add(k, v is double d ? ContractNumber(k, d) : v);
        }

        return new Feature(Round(geometry), attributes);
    }

    /// <summary>An attribute number as the JSON contract writes it: rounded by the unit its name holds (km and t
    /// to 0.01, minutes to 0.1, km² to 1, % to 0.01); not finite (no nearest hub) as null.</summary>
    private static double? ContractNumber(string key, double value) =>
        !double.IsFinite(value) ? null
        : ContractJson.DecimalsOf(key) is { } d ? Math.Round(value, d, MidpointRounding.AwayFromZero) : value;

    /// <summary>A copy of the geometry with coordinates rounded to 6 decimals.</summary>
    public static Geometry Round(Geometry g)
    {
        var copy = g.Copy();
        copy.Apply(new RoundFilter());
        copy.GeometryChanged();
        return copy;
    }

    private sealed class RoundFilter : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (int i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, Math.Round(seq.GetX(i), 6));
                seq.SetY(i, Math.Round(seq.GetY(i), 6));
            }
        }
    }
}
