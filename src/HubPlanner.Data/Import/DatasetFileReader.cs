using System.Globalization;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace HubPlanner.Data.Import;

/// <summary>
/// Reads one dataset file of a given kind into domain records and checks it against <c>data/FORMAT.md</c>:
/// shape, types, ranges, enumerations, unique ids, valid polygons, and references to ids in
/// <see cref="KnownIds"/>. Problems go to the file's collector; nothing here touches the database.
/// </summary>
internal static class DatasetFileReader
{
    /// <summary>A road's first and last vertex must lie this close to its from/to nodes (FORMAT.md).</summary>
    public const double EndpointToleranceM = 200;

    /// <summary>A road-node import may move a stored node at most this far from the ends of the stored roads that use it.</summary>
    public const double NodeMoveToleranceM = 1_000;

    public static PlanningDataset Read(ImportKind kind, string path, ErrorCollector errors, KnownIds known) => kind switch
    {
        ImportKind.Places => PlanningDataset.Empty with { Places = ReadPlaces(path, errors, known) },
        ImportKind.Sites => PlanningDataset.Empty with { Sites = ReadSites(path, errors, known) },
        ImportKind.EntryPoints => PlanningDataset.Empty with { EntryPoints = ReadEntryPoints(path, errors, known) },
        ImportKind.Equipment => PlanningDataset.Empty with { EquipmentTypes = ReadEquipment(path, errors, known) },
        ImportKind.Inventory => PlanningDataset.Empty with { Inventory = ReadInventory(path, errors, known) },
        ImportKind.Vehicles => PlanningDataset.Empty with { VehicleTypes = ReadVehicles(path, errors, known) },
        ImportKind.Fleet => PlanningDataset.Empty with { Fleet = ReadFleet(path, errors, known) },
        ImportKind.Demand => PlanningDataset.Empty with { DemandPoints = ReadDemand(path, errors, known) },
        ImportKind.RoadNodes => PlanningDataset.Empty with { RoadNodes = ReadRoadNodes(path, errors, known) },
        ImportKind.Roads => PlanningDataset.Empty with { Roads = ReadRoads(path, errors, known) },
        ImportKind.Zones => ReadZones(path, errors, known),
        ImportKind.Border => PlanningDataset.Empty with { Border = ReadBorder(path, errors, known) },
        ImportKind.Coast => PlanningDataset.Empty with { Coast = ReadLayer(path, errors, polygonal: false, codeField: null) },
        ImportKind.Neighbours => PlanningDataset.Empty with { Neighbours = ReadLayer(path, errors, polygonal: true, codeField: "iso_a2") },
        ImportKind.Control => PlanningDataset.Empty with { Control = ReadControl(path, errors, known) },
        ImportKind.Threats => PlanningDataset.Empty with { Threats = ReadThreats(path, errors) },
        ImportKind.Urban => PlanningDataset.Empty with { UrbanAreas = ReadUrban(path, errors, known) },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown import kind."),
    };

    private static List<Place> ReadPlaces(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<string>();
        var list = new List<Place>();
        foreach (var row in CsvTable.Read(path, errors, ["id", "name", "oblast", "lon", "lat", "population", "oblast_centre"]))
        {
            var place = new Place(row.Slug("id"), row.RequiredText("name"), row.OptionalText("oblast") ?? "", row.Longitude(), row.Latitude(),
                (int)row.Integer("population", 0, int.MaxValue), row.Boolean("oblast_centre"));
            ids.Check(row, "id", place.Id);
            CheckInside(row, known, place.Lon, place.Lat, StudyArea.PointToleranceM);
            Keep(row, list, place);
        }

        return list;
    }

    private static List<Site> ReadSites(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<string>();
        var list = new List<Site>();
        foreach (var row in CsvTable.Read(path, errors,
                     ["id", "name", "kind", "lon", "lat", "storage_capacity_t", "throughput_t_per_day", "fixed_cost", "status"]))
        {
            var site = new Site(row.Slug("id"), row.RequiredText("name"), row.Enum<SiteKind>("kind"), row.Longitude(), row.Latitude(),
                row.Number("storage_capacity_t", 0), row.Number("throughput_t_per_day", 0), row.Number("fixed_cost", 0),
                row.Enum<SiteStatus>("status"));
            ids.Check(row, "id", site.Id);
            CheckInside(row, known, site.Lon, site.Lat, StudyArea.PointToleranceM);
            if (Keep(row, list, site))
            {
                known.Sites.Add(site.Id);
            }
        }

        return list;
    }

    private static List<EntryPoint> ReadEntryPoints(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<string>();
        var list = new List<EntryPoint>();
        foreach (var row in CsvTable.Read(path, errors, ["id", "name", "kind", "country", "lon", "lat"]))
        {
            string country = row.RequiredText("country");
            if (country.Length > 0 && !CountryCodes.IsAssigned(country))
            {
                row.Reject("country", $"expected an upper-case ISO 3166-1 alpha-2 country code (e.g. PL, SK, HU, RO, MD or UA), found {FieldRules.Found(country)}");
            }

            var entry = new EntryPoint(row.Slug("id"), row.RequiredText("name"), row.Enum<EntryKind>("kind"), country, row.Longitude(), row.Latitude());
            ids.Check(row, "id", entry.Id);
            CheckInside(row, known, entry.Lon, entry.Lat, StudyArea.EntryPointToleranceM);
            if (Keep(row, list, entry))
            {
                known.EntryPoints.Add(entry.Id);
            }
        }

        return list;
    }

    private static List<EquipmentType> ReadEquipment(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<string>();
        var list = new List<EquipmentType>();
        foreach (var row in CsvTable.Read(path, errors,
                     ["id", "name", "category", "weight_t", "volume_m3", "air_radius_km", "coastal_radius_km", "sensor_height_m"]))
        {
            var type = new EquipmentType(row.Slug("id"), row.RequiredText("name"), row.Enum<EquipmentCategory>("category"),
                row.Number("weight_t", 0), row.Number("volume_m3", 0), row.Number("air_radius_km", 0, 5000),
                row.Number("coastal_radius_km", 0, 5000), row.Number("sensor_height_m", 0, 10000));
            ids.Check(row, "id", type.Id);
            if (Keep(row, list, type))
            {
                known.EquipmentTypes.Add(type.Id);
            }
        }

        return list;
    }

    private static List<InventoryItem> ReadInventory(string path, ErrorCollector errors, KnownIds known)
    {
        var pairs = new UniqueIds<(string, string)>();
        var list = new List<InventoryItem>();
        foreach (var row in CsvTable.Read(path, errors, ["holder_id", "equipment_type_id", "quantity"]))
        {
            var item = new InventoryItem(row.Slug("holder_id"), row.Slug("equipment_type_id"), (int)row.Integer("quantity", 0, int.MaxValue));
            if (item.HolderId.Length > 0 && !known.EntryPoints.Contains(item.HolderId) && !known.Sites.Contains(item.HolderId))
            {
                row.Reject("holder_id", $"expected the id of an entry point or a site, found unknown id \"{item.HolderId}\"");
            }

            if (item.EquipmentTypeId.Length > 0 && !known.EquipmentTypes.Contains(item.EquipmentTypeId))
            {
                row.Reject("equipment_type_id", $"expected the id of an equipment type, found unknown id \"{item.EquipmentTypeId}\"");
            }

            pairs.Check(row, "equipment_type_id", (item.HolderId, item.EquipmentTypeId),
                $"holder \"{item.HolderId}\" with type \"{item.EquipmentTypeId}\"");
            Keep(row, list, item);
        }

        return list;
    }

    private static List<VehicleType> ReadVehicles(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<string>();
        var list = new List<VehicleType>();
        foreach (var row in CsvTable.Read(path, errors,
                     ["id", "name", "capacity_t", "capacity_m3", "gross_weight_t", "speed_factor", "fixed_cost", "cost_per_km", "shift_hours"]))
        {
            var vehicle = new VehicleType(row.Slug("id"), row.RequiredText("name"), Positive(row, "capacity_t"), Positive(row, "capacity_m3"),
                Positive(row, "gross_weight_t"), Positive(row, "speed_factor"), row.Number("fixed_cost", 0), row.Number("cost_per_km", 0),
                Positive(row, "shift_hours", 24));
            ids.Check(row, "id", vehicle.Id);
            if (Keep(row, list, vehicle))
            {
                known.VehicleTypes.Add(vehicle.Id);
            }
        }

        return list;
    }

    private static List<FleetAssignment> ReadFleet(string path, ErrorCollector errors, KnownIds known)
    {
        var pairs = new UniqueIds<(string, string)>();
        var list = new List<FleetAssignment>();
        foreach (var row in CsvTable.Read(path, errors, ["entry_point_id", "vehicle_type_id", "count"]))
        {
            var fleet = new FleetAssignment(row.Slug("entry_point_id"), row.Slug("vehicle_type_id"), (int)row.Integer("count", 0, 100_000));
            if (fleet.EntryPointId.Length > 0 && !known.EntryPoints.Contains(fleet.EntryPointId))
            {
                row.Reject("entry_point_id", $"expected the id of an entry point, found unknown id \"{fleet.EntryPointId}\"");
            }

            if (fleet.VehicleTypeId.Length > 0 && !known.VehicleTypes.Contains(fleet.VehicleTypeId))
            {
                row.Reject("vehicle_type_id", $"expected the id of a vehicle type, found unknown id \"{fleet.VehicleTypeId}\"");
            }

            pairs.Check(row, "vehicle_type_id", (fleet.EntryPointId, fleet.VehicleTypeId),
                $"entry point \"{fleet.EntryPointId}\" with vehicle type \"{fleet.VehicleTypeId}\"");
            Keep(row, list, fleet);
        }

        return list;
    }

    private static List<DemandPoint> ReadDemand(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<string>();
        var list = new List<DemandPoint>();
        foreach (var row in CsvTable.Read(path, errors, ["id", "name", "lon", "lat", "weight", "demand_t"]))
        {
            var demand = new DemandPoint(row.Slug("id"), row.RequiredText("name"), row.Longitude(), row.Latitude(),
                row.Number("weight", 0), row.Number("demand_t", 0));
            ids.Check(row, "id", demand.Id);
            CheckInside(row, known, demand.Lon, demand.Lat, StudyArea.PointToleranceM);
            Keep(row, list, demand);
        }

        return list;
    }

    private static List<RoadNode> ReadRoadNodes(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<long>();
        var list = new List<RoadNode>();
        foreach (var row in CsvTable.Read(path, errors, ["id", "name", "lon", "lat"]))
        {
            var node = new RoadNode(row.Integer("id", 0), row.OptionalText("name"), row.Longitude(), row.Latitude());
            ids.Check(row, "id", node.Id);
            CheckNodeStaysOnItsRoads(row, known, node);
            if (Keep(row, list, node))
            {
                known.RoadNodes[node.Id] = (node.Lon, node.Lat);
            }
        }

        return list;
    }

    private static List<RoadEdge> ReadRoads(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<long>();
        var list = new List<RoadEdge>();
        foreach (var feature in GeoJsonFeatures.Read(path, errors, OgcGeometryType.LineString))
        {
            long id = feature.Integer("id", 0);
            int before = feature.RejectCount;
            long from = feature.Integer("from", 0);
            bool fromParsed = feature.RejectCount == before;
            long to = feature.Integer("to", 0);
            bool toParsed = feature.RejectCount == before + (fromParsed ? 0 : 1);
            string? number = feature.OptionalText("ref");
            var roadClass = feature.Enum<RoadClass>("class");
            double speed = Positive(feature, "speed_kmh", 200);
            bool oneWay = feature.Boolean("oneway");
            double? maxWeight = feature.OptionalNumber("max_weight_t", 0);
            if (maxWeight == 0)
            {
                feature.Reject("max_weight_t", "expected a number > 0 (weight limit in tonnes) or null (no limit), found 0");
            }

            ids.Check(feature, "id", id);
            var line = feature.Geometry as LineString;
            if (line is not null)
            {
                if (fromParsed)
                {
                    CheckEnd(feature, known, "from", from, line.CoordinateSequence.GetCoordinate(0), "first");
                }

                if (toParsed)
                {
                    CheckEnd(feature, known, "to", to, line.CoordinateSequence.GetCoordinate(line.NumPoints - 1), "last");
                }
            }

            if (line is null || feature.Failed)
            {
                continue;
            }

            double length = Wgs84Geodesic.PolylineLength(line.Coordinates);
            list.Add(new RoadEdge(id, from, to, number, roadClass, length, speed, oneWay, maxWeight, line));
        }

        return list;
    }

    private static void CheckEnd(GeoJsonFeature feature, KnownIds known, string field, long node, Coordinate end, string which)
    {
        if (!known.RoadNodes.TryGetValue(node, out var at))
        {
            feature.Reject(field, $"expected the id of a road node, found unknown node {node.ToString(CultureInfo.InvariantCulture)}");
            return;
        }

        double gap = Wgs84Geodesic.Distance(end.X, end.Y, at.Lon, at.Lat);
        if (gap > EndpointToleranceM)
        {
            feature.Reject(field, string.Create(CultureInfo.InvariantCulture,
                $"expected the {which} vertex within {EndpointToleranceM:0} m of node {node}, found it {gap:0} m away"));
        }
    }

    private static PlanningDataset ReadZones(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<string>();
        var list = new List<Zone>();
        var illustrative = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in GeoJsonFeatures.Read(path, errors, OgcGeometryType.Polygon, OgcGeometryType.MultiPolygon))
        {
            var zone = new Zone(feature.Slug("id"), feature.RequiredText("name"), feature.Enum<ZoneKind>("kind"),
                feature.Geometry ?? GeoFactory.Wgs84.CreatePolygon(), feature.Number("weight", 0));
            bool isIllustrative = feature.OptionalBoolean("illustrative") ?? false;
            ids.Check(feature, "id", zone.Id);
            CheckValid(feature);
            if (feature.Geometry is not null && known.StudyArea is { } area && !feature.Failed && !area.Intersects(feature.Geometry))
            {
                feature.Reject("geometry", "expected a zone that overlaps the study area (zones may extend beyond the border but must intersect it), found one entirely outside it");
            }
            if (feature.Geometry is not null && Keep(feature, list, zone) && isIllustrative)
            {
                illustrative.Add(zone.Id);
            }
        }

        return PlanningDataset.Empty with { Zones = list, IllustrativeZoneIds = illustrative };
    }

    private static List<ControlArea> ReadControl(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<string>();
        var list = new List<ControlArea>();
        foreach (var feature in GeoJsonFeatures.Read(path, errors, OgcGeometryType.Polygon, OgcGeometryType.MultiPolygon))
        {
            string asOf = feature.RequiredText("as_of");
            if (asOf.Length > 0 && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                feature.Reject("as_of", $"expected a date YYYY-MM-DD, found {FieldRules.Found(asOf)}");
            }

            var area = new ControlArea(feature.Slug("id"), feature.RequiredText("name"), feature.Enum<ControlStatus>("status"), asOf,
                feature.RequiredText("source"), feature.OptionalBoolean("active") ?? true, feature.Geometry ?? GeoFactory.Wgs84.CreatePolygon());
            ids.Check(feature, "id", area.Id);
            CheckValid(feature);
            // Hostile-state areas only adjoin the study area, so a control area may lie just outside it, not far away.
            if (feature.Geometry is not null && known.StudyArea is { } study && !feature.Failed
                && !study.Wgs84.IsWithinDistance(feature.Geometry, ControlAreaToleranceDegrees))
            {
                feature.Reject("geometry", "expected an area that overlaps the study area or adjoins it (within about 50 km), found one far outside it");
            }

            if (feature.Geometry is not null)
            {
                Keep(feature, list, area);
            }
        }

        return list;
    }

    /// <summary>How far (in degrees, about 50 km) outside the study area a control area may lie.</summary>
    private const double ControlAreaToleranceDegrees = 0.5;

    private static List<UrbanArea> ReadUrban(string path, ErrorCollector errors, KnownIds known)
    {
        var ids = new UniqueIds<string>();
        var list = new List<UrbanArea>();
        foreach (var feature in GeoJsonFeatures.Read(path, errors, OgcGeometryType.Polygon, OgcGeometryType.MultiPolygon))
        {
            var area = new UrbanArea(feature.Slug("id"), feature.RequiredText("name"), (int)feature.Integer("population", 0, int.MaxValue),
                feature.Geometry ?? GeoFactory.Wgs84.CreatePolygon());
            ids.Check(feature, "id", area.Id);
            CheckValid(feature);
            if (feature.Geometry is not null && known.StudyArea is { } study && !feature.Failed && !study.Intersects(feature.Geometry))
            {
                feature.Reject("geometry", "expected an urban area that overlaps the study area, found one entirely outside it");
            }

            if (feature.Geometry is not null)
            {
                Keep(feature, list, area);
            }
        }

        return list;
    }

    private static List<ThreatClass> ReadThreats(string path, ErrorCollector errors)
    {
        var ids = new UniqueIds<string>();
        var list = new List<ThreatClass>();
        foreach (var row in CsvTable.Read(path, errors, ["id", "name", "range_km", "effect", "applies_to", "source"]))
        {
            var kinds = new List<SiteKind>();
            string appliesTo = row.OptionalText("applies_to") ?? "";
            if (appliesTo is not ("" or "all"))
            {
                foreach (string k in appliesTo.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (FieldRules.TryEnum(k, out SiteKind kind))
                    {
                        kinds.Add(kind);
                    }
                    else
                    {
                        row.Reject("applies_to", $"expected \"all\" or site kinds separated by ';' ({string.Join(", ", Enum.GetValues<SiteKind>().Select(FieldRules.Snake))}), found {FieldRules.Found(k)}");
                    }
                }
            }

            var threat = new ThreatClass(row.Slug("id"), row.RequiredText("name"), row.Number("range_km", 0, 5000), row.Enum<ThreatEffect>("effect"),
                kinds, row.RequiredText("source"));
            ids.Check(row, "id", threat.Id);
            Keep(row, list, threat);
        }

        return list;
    }

    private static List<MapFeature> ReadLayer(string path, ErrorCollector errors, bool polygonal, string? codeField)
    {
        OgcGeometryType[] allowed = polygonal
            ? [OgcGeometryType.Polygon, OgcGeometryType.MultiPolygon]
            : [OgcGeometryType.LineString, OgcGeometryType.MultiLineString];
        var list = new List<MapFeature>();
        // Context layers may be empty (e.g. a fixture with no neighbours); the planning layers may not.
        foreach (var feature in GeoJsonFeatures.Read(path, errors, allowNoFeatures: true, allowed))
        {
            string? name = feature.OptionalText("name");
            string? code = codeField is null ? null : feature.OptionalText(codeField);
            if (code is not null && !CountryCodes.IsAssigned(code))
            {
                feature.Reject(codeField, $"expected an upper-case ISO 3166-1 alpha-2 country code or nothing, found {FieldRules.Found(code)}");
            }

            if (polygonal)
            {
                CheckValid(feature);
            }

            if (feature.Geometry is not null)
            {
                Keep(feature, list, new MapFeature(name, code, feature.Geometry));
            }
        }

        return list;
    }

    /// <summary>
    /// The border is the study area: exactly one Polygon or MultiPolygon feature, valid, and (when it replaces one,
    /// or an expected area is declared) within ±5 % of that area, so that a zones file or an empty file cannot
    /// silently become the border.
    /// </summary>
    private static List<MapFeature> ReadBorder(string path, ErrorCollector errors, KnownIds known)
    {
        var features = GeoJsonFeatures.Read(path, errors, OgcGeometryType.Polygon, OgcGeometryType.MultiPolygon);
        if (features.Count == 0)
        {
            return [];
        }

        if (features.Count != 1)
        {
            errors.AtFile(string.Create(CultureInfo.InvariantCulture,
                $"expected exactly one Polygon or MultiPolygon feature (the border of the study area), found {features.Count} features; is this the zones or neighbours file?"));
            return [];
        }

        var feature = features[0];
        string? name = feature.OptionalText("name");
        CheckValid(feature);
        if (feature.Geometry is null || feature.Failed)
        {
            return [];
        }

        double area = UkraineEqualArea.Instance.AreaKm2(feature.Geometry);
        (double Km2, string What)? reference = known.Options.ExpectedBorderAreaKm2 is { } expected
            ? (expected, "the declared expected area")
            : known.StudyArea is { } current ? (current.AreaKm2, "the area of the border it replaces") : null;
        if (reference is { } r && Math.Abs(area - r.Km2) > StudyArea.BorderAreaTolerance * r.Km2)
        {
            feature.Reject("geometry", string.Create(CultureInfo.InvariantCulture,
                $"expected an area within ±{StudyArea.BorderAreaTolerance:P0} of {r.What} ({r.Km2:N0} km²), found {area:N0} km² ({(area - r.Km2) / r.Km2:+0.#%;-0.#%})"));
            return [];
        }

        return [new MapFeature(name, null, feature.Geometry)];
    }

    /// <summary>Rejects a position that lies further outside the study area than the layer's tolerance (when a border is known).</summary>
    private static void CheckInside(FieldSource source, KnownIds known, double lon, double lat, double toleranceM)
    {
        if (source.Failed || known.StudyArea is not { } area)
        {
            return;
        }

        double outside = area.DistanceOutsideM(lon, lat);
        if (outside > toleranceM)
        {
            source.Reject("lon/lat", string.Create(CultureInfo.InvariantCulture,
                $"expected a position inside the study area's border or at most {toleranceM / 1000:0.#} km outside it, found [{lon}, {lat}], {StudyArea.Describe(outside, toleranceM)}"));
        }
    }

    /// <summary>Rejects moving a stored road node far from the ends of the stored roads that meet at it (a typo in lon/lat).</summary>
    private static void CheckNodeStaysOnItsRoads(FieldSource source, KnownIds known, RoadNode node)
    {
        if (source.Failed || !known.RoadEnds.TryGetValue(node.Id, out var ends))
        {
            return;
        }

        double worst = ends.Max(e => Wgs84Geodesic.Distance(node.Lon, node.Lat, e.Lon, e.Lat));
        if (worst > NodeMoveToleranceM)
        {
            source.Reject("lon/lat", string.Create(CultureInfo.InvariantCulture,
                $"expected node {node.Id} within {NodeMoveToleranceM / 1000:0.#} km of the ends of the {ends.Count} stored road(s) that meet at it, found [{node.Lon}, {node.Lat}], {worst / 1000:0.#} km away; to move a junction further, change the dataset and run init"));
        }
    }

    /// <summary>Rejects invalid polygons (self-intersections, bad rings) with the validator's reason and place.</summary>
    private static void CheckValid(GeoJsonFeature feature)
    {
        if (feature.Geometry is null)
        {
            return;
        }

        var validator = new IsValidOp(feature.Geometry);
        if (!validator.IsValid)
        {
            var error = validator.ValidationError;
            feature.Reject("geometry", string.Create(CultureInfo.InvariantCulture,
                $"expected a valid polygon (OGC simple features), found: {error.Message} near [{error.Coordinate?.X:0.######}, {error.Coordinate?.Y:0.######}]"));
        }
    }

    private static double Positive(FieldSource source, string field, double max = double.PositiveInfinity)
        => source.PositiveNumber(field, max);

    private static bool Keep<T>(FieldSource source, List<T> list, T item)
    {
        if (source.Failed)
        {
            return false;
        }

        list.Add(item);
        return true;
    }

    /// <summary>Detects a repeated id and names where it was first seen.</summary>
    private sealed class UniqueIds<TKey>
        where TKey : notnull
    {
        private readonly Dictionary<TKey, int> _firstSeen = [];

        public void Check(FieldSource source, string field, TKey key, string? describe = null)
        {
            int where = source switch
            {
                CsvRow row => row.Line,
                GeoJsonFeature feature => feature.Index,
                _ => -1,
            };
            if (_firstSeen.TryGetValue(key, out int first))
            {
                string place = source is CsvRow ? $"line {first}" : $"feature {first}";
                source.Reject(field, $"duplicate {describe ?? "id " + FieldRules.Found(Convert.ToString(key, CultureInfo.InvariantCulture))}, first seen on {place}; ids must be unique");
            }
            else
            {
                _firstSeen[key] = where;
            }
        }
    }
}
