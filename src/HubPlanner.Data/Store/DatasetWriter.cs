using Dapper;
using HubPlanner.Core.Geo;
using HubPlanner.Data.Input;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.Store;

/// <summary>
/// Writes validated base data inside a caller's transaction. Keyed tables are upserted by id (a re-import
/// replaces the rows it names and keeps the others); the context layers (border, coast, neighbours) are
/// replaced whole because a file of them is the whole layer.
/// </summary>
internal static class DatasetWriter
{
    /// <summary>Base tables in an order that deletes children before parents.</summary>
    private static readonly string[] DeleteOrder =
    [
        "roads", "road_nodes", "inventory", "fleet", "sites", "entry_points", "places", "equipment_types", "vehicle_types",
        "demand_points", "zones", "border", "coast", "neighbours", "control_areas", "threats", "urban_areas",
    ];

    public static void DeleteBase(SqliteConnection connection, SqliteTransaction tx)
    {
        foreach (string table in DeleteOrder)
        {
            connection.Execute($"DELETE FROM {table}", transaction: tx);
        }
    }

    public static void Write(SqliteConnection connection, SqliteTransaction tx, PlanningDataset data)
    {
        // Parents before children so that the foreign keys hold at every statement.
        connection.Execute(
            Upsert("sites", ["geom", "id", "name", "kind", "storage_capacity_t", "throughput_t_per_day", "fixed_cost", "status"], "id"),
            data.Sites.Select(s => new
            {
                geom = Point(s.Lon, s.Lat), id = s.Id, name = s.Name, kind = FieldRules.Snake(s.Kind), storage_capacity_t = s.StorageCapacityT,
                throughput_t_per_day = s.ThroughputTPerDay, fixed_cost = s.FixedCost, status = FieldRules.Snake(s.Status),
            }), tx);
        connection.Execute(Upsert("entry_points", ["geom", "id", "name", "kind", "country"], "id"),
            data.EntryPoints.Select(e => new { geom = Point(e.Lon, e.Lat), id = e.Id, name = e.Name, kind = FieldRules.Snake(e.Kind), country = e.Country }), tx);
        connection.Execute(Upsert("places", ["geom", "id", "name", "oblast", "population", "oblast_centre"], "id"),
            data.Places.Select(p => new
            {
                geom = Point(p.Lon, p.Lat), id = p.Id, name = p.Name, oblast = p.Oblast, population = p.Population, oblast_centre = p.IsOblastCentre ? 1 : 0,
            }), tx);
        connection.Execute(
            Upsert("equipment_types", ["id", "name", "category", "weight_t", "volume_m3", "air_radius_km", "coastal_radius_km", "sensor_height_m"], "id"),
            data.EquipmentTypes.Select(e => new
            {
                id = e.Id, name = e.Name, category = FieldRules.Snake(e.Category), weight_t = e.WeightT, volume_m3 = e.VolumeM3,
                air_radius_km = e.AirRadiusKm, coastal_radius_km = e.CoastalRadiusKm, sensor_height_m = e.SensorHeightM,
            }), tx);
        connection.Execute(Upsert("inventory", ["holder_id", "equipment_type_id", "quantity"], "holder_id, equipment_type_id"),
            data.Inventory.Select(i => new { holder_id = i.HolderId, equipment_type_id = i.EquipmentTypeId, quantity = i.Quantity }), tx);
        connection.Execute(Upsert("demand_points", ["geom", "id", "name", "weight", "demand_t"], "id"),
            data.DemandPoints.Select(d => new { geom = Point(d.Lon, d.Lat), id = d.Id, name = d.Name, weight = d.Weight, demand_t = d.DemandT }), tx);
        connection.Execute(Upsert("zones", ["geom", "id", "name", "kind", "weight", "illustrative"], "id"),
            data.Zones.Select(z => new
            {
                geom = GpkgGeometry.Write(ToMulti(z.Geometry)), id = z.Id, name = z.Name, kind = FieldRules.Snake(z.Kind), weight = z.Weight,
                illustrative = data.IllustrativeZoneIds.Contains(z.Id) ? 1 : 0,
            }), tx);
        connection.Execute(Upsert("road_nodes", ["geom", "id", "name"], "id"),
            data.RoadNodes.Select(n => new { geom = Point(n.Lon, n.Lat), id = n.Id, name = n.Name }), tx);
        connection.Execute(
            Upsert("roads", ["geom", "id", "from_node", "to_node", "ref", "class", "length_m", "speed_kmh", "oneway", "max_weight_t"], "id"),
            data.Roads.Select(r => new
            {
                geom = GpkgGeometry.Write(r.Geometry), id = r.Id, from_node = r.FromNode, to_node = r.ToNode, @ref = r.RoadNumber,
                @class = FieldRules.Snake(r.Class), length_m = r.LengthM, speed_kmh = r.SpeedKmh, oneway = r.OneWay ? 1 : 0,
                max_weight_t = r.MaxWeightT,
            }), tx);
        connection.Execute(
            Upsert("vehicle_types", ["id", "name", "capacity_t", "capacity_m3", "gross_weight_t", "speed_factor", "fixed_cost", "cost_per_km", "shift_hours"], "id"),
            data.VehicleTypes.Select(v => new
            {
                id = v.Id, name = v.Name, capacity_t = v.CapacityT, capacity_m3 = v.CapacityM3, gross_weight_t = v.GrossWeightT,
                speed_factor = v.SpeedFactor, fixed_cost = v.FixedCost, cost_per_km = v.CostPerKm, shift_hours = v.ShiftHours,
            }), tx);
        connection.Execute(Upsert("fleet", ["entry_point_id", "vehicle_type_id", "count"], "entry_point_id, vehicle_type_id"),
            data.Fleet.Select(f => new { entry_point_id = f.EntryPointId, vehicle_type_id = f.VehicleTypeId, count = f.Count }), tx);

        ReplaceLayer(connection, tx, "border", data.Border, ["geom", "name"], f => new { geom = GpkgGeometry.Write(ToMulti(f.Geometry)), name = f.Name });
        ReplaceLayer(connection, tx, "coast", data.Coast, ["geom", "name"], f => new { geom = GpkgGeometry.Write(ToMulti(f.Geometry)), name = f.Name });
        ReplaceLayer(connection, tx, "neighbours", data.Neighbours, ["geom", "name", "iso_a2"],
            f => new { geom = GpkgGeometry.Write(ToMulti(f.Geometry)), name = f.Name, iso_a2 = f.Code });
        if (data.Control.Count > 0)
        {
            connection.Execute("DELETE FROM control_areas", transaction: tx);
            connection.Execute(
                "INSERT INTO control_areas (geom, id, name, status, as_of, source, active) VALUES (@geom, @id, @name, @status, @as_of, @source, @active)",
                data.Control.Select(c => new
                {
                    geom = GpkgGeometry.Write(ToMulti(c.Geometry)), id = c.Id, name = c.Name, status = FieldRules.Snake(c.Status), as_of = c.AsOf,
                    source = c.Source, active = c.Active ? 1 : 0,
                }), tx);
        }

        if (data.UrbanAreas.Count > 0)
        {
            connection.Execute("DELETE FROM urban_areas", transaction: tx);
            connection.Execute("INSERT INTO urban_areas (geom, id, name, population) VALUES (@geom, @id, @name, @population)",
                data.UrbanAreas.Select(u => new { geom = GpkgGeometry.Write(ToMulti(u.Geometry)), id = u.Id, name = u.Name, population = u.Population }), tx);
        }

        connection.Execute(Upsert("threats", ["id", "name", "range_km", "effect", "applies_to", "source"], "id"),
            data.Threats.Select(t => new
            {
                id = t.Id, name = t.Name, range_km = t.RangeKm, effect = FieldRules.Snake(t.Effect),
                applies_to = t.AppliesTo.Count == 0 ? "all" : string.Join(";", t.AppliesTo.Select(k => FieldRules.Snake(k))), source = t.Source,
            }), tx);
    }

    /// <summary>Refreshes the bounding boxes and change times that GeoPackage readers show for each layer.</summary>
    public static void UpdateContents(SqliteConnection connection, SqliteTransaction tx, string now)
    {
        foreach (var (table, _) in Schema.FeatureTables)
        {
            UpdateExtent(connection, tx, table, now);
        }

        foreach (string table in Schema.LaterFeatureTables)
        {
            UpdateExtent(connection, tx, table, now);
        }
    }

    /// <summary>Refreshes one layer's bounding box in <c>gpkg_contents</c> (and its change time, when given).
    /// <paramref name="table"/> is one of our own table names, never user input.</summary>
    public static void UpdateExtent(SqliteConnection connection, SqliteTransaction tx, string table, string? now)
    {
        string quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        connection.Execute(
            "UPDATE gpkg_contents SET " + (now is null ? "" : "last_change = @now, ") +
            $"min_x = (SELECT MIN(ST_MinX(geom)) FROM {quoted}), max_x = (SELECT MAX(ST_MaxX(geom)) FROM {quoted}), " +
            $"min_y = (SELECT MIN(ST_MinY(geom)) FROM {quoted}), max_y = (SELECT MAX(ST_MaxY(geom)) FROM {quoted}) WHERE table_name = @table",
            new { now, table }, tx);
    }

    private static void ReplaceLayer<T>(SqliteConnection connection, SqliteTransaction tx, string table, IReadOnlyList<MapFeature> features,
        string[] columns, Func<MapFeature, T> row)
    {
        if (features.Count == 0)
        {
            return;
        }

        connection.Execute($"DELETE FROM {table}", transaction: tx);
        connection.Execute(
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})",
            features.Select(row), tx);
    }

    private static string Upsert(string table, string[] columns, string key)
    {
        var keys = key.Split(", ");
        string updates = string.Join(", ", columns.Where(c => !keys.Contains(c)).Select(c => $"\"{c}\" = excluded.\"{c}\""));
        return $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
               $"VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) ON CONFLICT ({key}) DO UPDATE SET {updates}";
    }

    private static byte[] Point(double lon, double lat) => GpkgGeometry.Write(GeoFactory.Point(lon, lat));

    /// <summary>The layers are declared MULTI*: store a single polygon or line as a one-part multi.</summary>
    internal static Geometry ToMulti(Geometry geometry)
    {
        Geometry multi = geometry switch
        {
            Polygon p => GeoFactory.Wgs84.CreateMultiPolygon([p]),
            LineString l => GeoFactory.Wgs84.CreateMultiLineString([l]),
            _ => geometry,
        };
        multi.SRID = GeoFactory.Wgs84Srid;
        return multi;
    }
}
