using HubPlanner.Core.Domain;
using HubPlanner.Data.Input;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.Store;

public sealed partial class PlanningStore
{
    /// <summary>Loads every base table as Core domain records, each list in id order.</summary>
    public PlanningDataset LoadBase(CancellationToken cancellationToken = default) => _db.Read(connection =>
    {
        using var tx = connection.BeginTransaction(deferred: true); // one consistent snapshot
        var dataset = LoadBase(connection, tx, cancellationToken);
        tx.Commit();
        return dataset;
    });

    /// <summary>Loads every base table inside the caller's transaction (a write validates against what it reads here).</summary>
    private static PlanningDataset LoadBase(SqliteConnection connection, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        var illustrative = new HashSet<string>(StringComparer.Ordinal);
        var dataset = new PlanningDataset(
            Sites: Read(connection, "SELECT geom, id, name, kind, storage_capacity_t, throughput_t_per_day, fixed_cost, status FROM sites ORDER BY id",
                r => Point(r, 0, (lon, lat) => new Site(r.GetString(1), r.GetString(2), Enum<SiteKind>(r, 3), lon, lat,
                    r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), Enum<SiteStatus>(r, 7)))),
            EntryPoints: Read(connection, "SELECT geom, id, name, kind, country FROM entry_points ORDER BY id",
                r => Point(r, 0, (lon, lat) => new EntryPoint(r.GetString(1), r.GetString(2), Enum<EntryKind>(r, 3), r.GetString(4), lon, lat))),
            Places: Read(connection, "SELECT geom, id, name, oblast, population, oblast_centre FROM places ORDER BY id",
                r => Point(r, 0, (lon, lat) => new Place(r.GetString(1), r.GetString(2), r.GetString(3), lon, lat, r.GetInt32(4), r.GetInt64(5) != 0))),
            EquipmentTypes: Read(connection,
                "SELECT id, name, category, weight_t, volume_m3, air_radius_km, coastal_radius_km, sensor_height_m FROM equipment_types ORDER BY id",
                r => new EquipmentType(r.GetString(0), r.GetString(1), Enum<EquipmentCategory>(r, 2), r.GetDouble(3), r.GetDouble(4),
                    r.GetDouble(5), r.GetDouble(6), r.GetDouble(7))),
            Inventory: Read(connection, "SELECT holder_id, equipment_type_id, quantity FROM inventory ORDER BY holder_id, equipment_type_id",
                r => new InventoryItem(r.GetString(0), r.GetString(1), r.GetInt32(2))),
            DemandPoints: Read(connection, "SELECT geom, id, name, weight, demand_t FROM demand_points ORDER BY id",
                r => Point(r, 0, (lon, lat) => new DemandPoint(r.GetString(1), r.GetString(2), lon, lat, r.GetDouble(3), r.GetDouble(4)))),
            Zones: Read(connection, "SELECT geom, id, name, kind, weight, illustrative FROM zones ORDER BY id",
                r =>
                {
                    if (r.GetInt64(5) != 0)
                    {
                        illustrative.Add(r.GetString(1));
                    }

                    return new Zone(r.GetString(1), r.GetString(2), Enum<ZoneKind>(r, 3), Geom(r, 0), r.GetDouble(4));
                }),
            RoadNodes: Read(connection, "SELECT geom, id, name FROM road_nodes ORDER BY id",
                r => Point(r, 0, (lon, lat) => new RoadNode(r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), lon, lat))),
            Roads: Read(connection,
                "SELECT geom, id, from_node, to_node, ref, class, length_m, speed_kmh, oneway, max_weight_t FROM roads ORDER BY id",
                r => new RoadEdge(r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetString(4), Enum<RoadClass>(r, 5),
                    r.GetDouble(6), r.GetDouble(7), r.GetInt64(8) != 0, r.IsDBNull(9) ? null : r.GetDouble(9), (LineString)Geom(r, 0))),
            VehicleTypes: Read(connection,
                "SELECT id, name, capacity_t, capacity_m3, gross_weight_t, speed_factor, fixed_cost, cost_per_km, shift_hours FROM vehicle_types ORDER BY id",
                r => new VehicleType(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5),
                    r.GetDouble(6), r.GetDouble(7), r.GetDouble(8))),
            Fleet: Read(connection, "SELECT entry_point_id, vehicle_type_id, count FROM fleet ORDER BY entry_point_id, vehicle_type_id",
                r => new FleetAssignment(r.GetString(0), r.GetString(1), r.GetInt32(2))),
            Border: Read(connection, "SELECT geom, name FROM border ORDER BY fid",
                r => new MapFeature(r.IsDBNull(1) ? null : r.GetString(1), null, Geom(r, 0))),
            Coast: Read(connection, "SELECT geom, name FROM coast ORDER BY fid",
                r => new MapFeature(r.IsDBNull(1) ? null : r.GetString(1), null, Geom(r, 0))),
            Neighbours: Read(connection, "SELECT geom, name, iso_a2 FROM neighbours ORDER BY fid",
                r => new MapFeature(r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Geom(r, 0))));
        var control = Read(connection, "SELECT geom, id, name, status, as_of, source, active FROM control_areas ORDER BY id",
            r => new ControlArea(r.GetString(1), r.GetString(2), Enum<ControlStatus>(r, 3), r.GetString(4), r.GetString(5), r.GetInt64(6) != 0, Geom(r, 0)));
        var threats = Read(connection, "SELECT id, name, range_km, effect, applies_to, source FROM threats ORDER BY range_km, id",
            r => new ThreatClass(r.GetString(0), r.GetString(1), r.GetDouble(2), Enum<ThreatEffect>(r, 3),
                r.GetString(4) == "all" ? [] : r.GetString(4).Split(';').Select(k => FieldRules.TryEnum(k, out SiteKind kind)
                    ? kind
                    : throw new InvalidDataException($"Unexpected site kind '{k}' in threats.applies_to.")).ToList(),
                r.GetString(5)));
        var urban = Read(connection, "SELECT geom, id, name, population FROM urban_areas ORDER BY id",
            r => new UrbanArea(r.GetString(1), r.GetString(2), r.GetInt32(3), Geom(r, 0)));
        cancellationToken.ThrowIfCancellationRequested();
        return dataset with { IllustrativeZoneIds = illustrative, Control = control, Threats = threats, UrbanAreas = urban };

        List<T> Read<T>(SqliteConnection c, string sql, Func<SqliteDataReader, T> map)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var command = c.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var list = new List<T>();
            while (reader.Read())
            {
                list.Add(map(reader));
            }

            return list;
        }
    }

    private static Geometry Geom(SqliteDataReader reader, int ordinal) => GpkgGeometry.Read((byte[])reader.GetValue(ordinal));

    private static T Point<T>(SqliteDataReader reader, int ordinal, Func<double, double, T> make)
    {
        var point = (Point)Geom(reader, ordinal);
        return make(point.X, point.Y);
    }

    private static T Enum<T>(SqliteDataReader reader, int ordinal)
        where T : struct, Enum
        => FieldRules.TryEnum(reader.GetString(ordinal), out T value)
            ? value
            : throw new InvalidDataException($"Unexpected {typeof(T).Name} '{reader.GetString(ordinal)}' in the database.");
}
