namespace HubPlanner.Data.Store;

/// <summary>One forward-only schema step, recorded in <c>hubplanner_migrations</c> once applied.</summary>
/// <param name="Version">Strictly increasing, starting at 1.</param>
/// <param name="Name">What the step does, for the record.</param>
/// <param name="Sql">Statements run in one transaction with the record of the step.</param>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// The schema of a planning database. A GeoPackage 1.3 file (so QGIS and GDAL open it directly) whose
/// own schema version lives in <c>hubplanner_migrations</c>, never in <c>PRAGMA user_version</c>, which the
/// GeoPackage standard reserves for its own version. Append new steps; never edit an applied one.
/// </summary>
public static class Schema
{
    /// <summary>'GPKG' as the GeoPackage standard requires in <c>PRAGMA application_id</c>.</summary>
    public const int GeoPackageApplicationId = 0x47504B47;

    /// <summary>GeoPackage 1.3.0 in <c>PRAGMA user_version</c>.</summary>
    public const int GeoPackageUserVersion = 10300;

    /// <summary>The feature tables (name, geometry type) registered in <c>gpkg_geometry_columns</c>.</summary>
    public static IReadOnlyList<(string Table, string GeometryType)> FeatureTables { get; } =
    [
        ("sites", "POINT"),
        ("entry_points", "POINT"),
        ("places", "POINT"),
        ("demand_points", "POINT"),
        ("road_nodes", "POINT"),
        ("roads", "LINESTRING"),
        ("zones", "MULTIPOLYGON"),
        ("border", "MULTIPOLYGON"),
        ("coast", "MULTILINESTRING"),
        ("neighbours", "MULTIPOLYGON"),
    ];

    /// <summary>The attribute tables registered in <c>gpkg_contents</c> (shown by GDAL as non-spatial layers).</summary>
    public static IReadOnlyList<string> AttributeTables { get; } =
    [
        "equipment_types", "inventory", "vehicle_types", "fleet", "scenarios", "scenario_edits", "jobs", "results",
    ];

    /// <summary>Feature tables added after migration 1 (registered by their own migration); their extents are kept like the others'.</summary>
    public static IReadOnlyList<string> LaterFeatureTables { get; } = ["control_areas", "urban_areas"];

    /// <summary>Every table whose rows <c>inspect</c> counts, in display order.</summary>
    public static IReadOnlyList<string> DataTables { get; } =
    [
        "sites", "entry_points", "places", "equipment_types", "inventory", "demand_points", "zones", "border", "coast",
        "neighbours", "road_nodes", "roads", "vehicle_types", "fleet", "scenarios", "scenario_edits", "jobs", "results",
        "control_areas", "threats", "urban_areas",
    ];

    /// <summary>Feature tables holding the layers of every stored plan result (one row set per result).</summary>
    public static IReadOnlyList<(string Table, string GeometryType)> PlanLayerTables { get; } =
    [
        ("plan_hubs", "POINT"),
        ("plan_assignments", "LINESTRING"),
        ("plan_routes", "LINESTRING"),
        ("plan_coverage", "GEOMETRY"),
        ("plan_gaps", "GEOMETRY"),
    ];

    /// <summary>All migrations, in order.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "geopackage core tables and the planning schema", V1()),
        new(2, "service: api tokens, job cancel requests, result GeoJSON, one result per job", V2Service),
        new(3, "plan result layers (hubs, assignments, routes, coverage, gaps) for QGIS", V3PlanLayers()),
        new(4, "the theatre: dated control map, threat classes, urban areas", V4Theatre),
    ];

    // Control areas are a feature layer (QGIS shows the map); threats an attribute table. applies_to holds
    // "all" or site kinds separated by ';'.
    private const string V4Theatre = """
        CREATE TABLE control_areas (
          fid INTEGER PRIMARY KEY AUTOINCREMENT,
          geom MULTIPOLYGON NOT NULL,
          id TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('government_controlled','occupied','contested','hostile_state')),
          as_of TEXT NOT NULL,
          source TEXT NOT NULL,
          active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));
        INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('control_areas', 'features', 'control_areas', 4326);
        INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES ('control_areas', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
        CREATE TABLE threats (
          fid INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          range_km REAL NOT NULL CHECK (range_km >= 0),
          effect TEXT NOT NULL CHECK (effect IN ('eligibility','exposure')),
          applies_to TEXT NOT NULL,
          source TEXT NOT NULL);
        INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('threats', 'attributes', 'threats');
        CREATE TABLE urban_areas (
          fid INTEGER PRIMARY KEY AUTOINCREMENT,
          geom MULTIPOLYGON NOT NULL,
          id TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          population INTEGER NOT NULL CHECK (population >= 0));
        INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('urban_areas', 'features', 'urban_areas', 4326);
        INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES ('urban_areas', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
        """;

    // The hosted service's additions. Tokens are stored as SHA-256 only; api_tokens stays out of gpkg_contents
    // so that map tools never list it. The unique index makes a second result for one job impossible even for a
    // worker that slipped past the lease guard.
    private const string V2Service = """
        CREATE TABLE api_tokens (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL UNIQUE,
          sha256 TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          revoked_at TEXT);
        ALTER TABLE jobs ADD COLUMN cancel_requested_at TEXT;
        ALTER TABLE results ADD COLUMN geojson TEXT;
        CREATE UNIQUE INDEX results_one_per_job ON results (job_id) WHERE job_id IS NOT NULL;
        """;

    private static string V3PlanLayers()
    {
        var sql = new System.Text.StringBuilder("""
            CREATE TABLE plan_hubs (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom POINT NOT NULL,
              result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
              scenario TEXT NOT NULL,
              site_id TEXT NOT NULL,
              name TEXT NOT NULL,
              kind TEXT NOT NULL,
              reason TEXT NOT NULL,
              demand_points INTEGER NOT NULL,
              equipment_t REAL NOT NULL,
              equipment TEXT NOT NULL);
            CREATE INDEX plan_hubs_result ON plan_hubs (result_id);
            CREATE TABLE plan_assignments (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom LINESTRING NOT NULL,
              result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
              scenario TEXT NOT NULL,
              demand_id TEXT NOT NULL,
              demand_name TEXT NOT NULL,
              hub TEXT NOT NULL,
              km REAL NOT NULL,
              minutes REAL NOT NULL);
            CREATE INDEX plan_assignments_result ON plan_assignments (result_id);
            CREATE TABLE plan_routes (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom LINESTRING NOT NULL,
              result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
              scenario TEXT NOT NULL,
              vehicle TEXT NOT NULL,
              vehicle_type TEXT NOT NULL,
              depot TEXT NOT NULL,
              stops TEXT NOT NULL,
              km REAL NOT NULL,
              hours REAL NOT NULL,
              cost REAL NOT NULL);
            CREATE INDEX plan_routes_result ON plan_routes (result_id);
            CREATE TABLE plan_coverage (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom GEOMETRY NOT NULL,
              result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
              scenario TEXT NOT NULL,
              target_altitude_m REAL NOT NULL,
              airspace_pct REAL NOT NULL,
              coastal_pct REAL NOT NULL,
              covered_km2 REAL NOT NULL);
            CREATE INDEX plan_coverage_result ON plan_coverage (result_id);
            CREATE TABLE plan_gaps (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom GEOMETRY NOT NULL,
              result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
              scenario TEXT NOT NULL,
              target_altitude_m REAL NOT NULL,
              rank INTEGER NOT NULL,
              area_km2 REAL NOT NULL,
              nearest_hub TEXT NOT NULL,
              nearest_hub_km REAL);
            CREATE INDEX plan_gaps_result ON plan_gaps (result_id);

            """);
        foreach (var (table, type) in PlanLayerTables)
        {
            sql.Append(
                $"INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('{table}', 'features', '{table}', 4326);\n" +
                $"INSERT INTO gpkg_geometry_columns VALUES ('{table}', 'geom', '{type}', 4326, 0, 0);\n");
        }

        return sql.ToString();
    }

    private const string Wgs84Wkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]]," +
        "AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]]," +
        "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH]," +
        "AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <summary>The GeoPackage core tables (spatial reference systems incl. -1, 0 and 4326; contents; geometry
    /// columns): the same DDL for a planning database and for an exported layer file.</summary>
    internal static string GeoPackageCoreSql() => """
            CREATE TABLE gpkg_spatial_ref_sys (
              srs_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL PRIMARY KEY,
              organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL,
              definition TEXT NOT NULL,
              description TEXT);
            INSERT INTO gpkg_spatial_ref_sys VALUES
              ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
              ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
              ('WGS 84 geodetic', 4326, 'EPSG', 4326, '
            """ + Wgs84Wkt + """
            ', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
            CREATE TABLE gpkg_contents (
              table_name TEXT NOT NULL PRIMARY KEY,
              data_type TEXT NOT NULL,
              identifier TEXT UNIQUE,
              description TEXT DEFAULT '',
              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
              srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (
              table_name TEXT NOT NULL,
              column_name TEXT NOT NULL,
              geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL,
              z TINYINT NOT NULL,
              m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT uk_gc_table_name UNIQUE (table_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            """;

    private static string V1()
    {
        var registrations = new System.Text.StringBuilder();
        foreach (var (table, type) in FeatureTables)
        {
            registrations.Append(
                $"INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('{table}', 'features', '{table}', 4326);\n" +
                $"INSERT INTO gpkg_geometry_columns VALUES ('{table}', 'geom', '{type}', 4326, 0, 0);\n");
        }

        foreach (var table in AttributeTables)
        {
            registrations.Append(
                $"INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('{table}', 'attributes', '{table}');\n");
        }

        return GeoPackageCoreSql() + """
            CREATE TABLE sites (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom POINT NOT NULL,
              id TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('airfield','rail','port','depot','city','other')),
              storage_capacity_t REAL NOT NULL CHECK (storage_capacity_t >= 0),
              throughput_t_per_day REAL NOT NULL CHECK (throughput_t_per_day >= 0),
              fixed_cost REAL NOT NULL CHECK (fixed_cost >= 0),
              status TEXT NOT NULL CHECK (status IN ('candidate','existing','forced','forbidden')));
            CREATE TABLE entry_points (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom POINT NOT NULL,
              id TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('border_crossing','port')),
              country TEXT NOT NULL);
            CREATE TABLE places (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom POINT NOT NULL,
              id TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              oblast TEXT NOT NULL,
              population INTEGER NOT NULL CHECK (population >= 0),
              oblast_centre INTEGER NOT NULL CHECK (oblast_centre IN (0, 1)));
            CREATE INDEX places_name ON places (name);
            CREATE TABLE equipment_types (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              category TEXT NOT NULL CHECK (category IN ('air_defence','air_radar','coastal_radar','supplies','fuel')),
              weight_t REAL NOT NULL CHECK (weight_t >= 0),
              volume_m3 REAL NOT NULL CHECK (volume_m3 >= 0),
              air_radius_km REAL NOT NULL CHECK (air_radius_km >= 0),
              coastal_radius_km REAL NOT NULL CHECK (coastal_radius_km >= 0),
              sensor_height_m REAL NOT NULL CHECK (sensor_height_m >= 0));
            CREATE TABLE inventory (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              holder_id TEXT NOT NULL,
              equipment_type_id TEXT NOT NULL REFERENCES equipment_types (id),
              quantity INTEGER NOT NULL CHECK (quantity >= 0),
              UNIQUE (holder_id, equipment_type_id));
            CREATE INDEX inventory_type ON inventory (equipment_type_id);
            CREATE TABLE demand_points (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom POINT NOT NULL,
              id TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              weight REAL NOT NULL CHECK (weight >= 0),
              demand_t REAL NOT NULL CHECK (demand_t >= 0));
            CREATE TABLE zones (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom MULTIPOLYGON NOT NULL,
              id TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('airspace','coastal','exclusion','priority')),
              weight REAL NOT NULL,
              illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)));
            CREATE INDEX zones_kind ON zones (kind);
            CREATE TABLE border (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom MULTIPOLYGON NOT NULL,
              name TEXT);
            CREATE TABLE coast (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom MULTILINESTRING NOT NULL,
              name TEXT);
            CREATE TABLE neighbours (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom MULTIPOLYGON NOT NULL,
              name TEXT,
              iso_a2 TEXT);
            CREATE TABLE road_nodes (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom POINT NOT NULL,
              id INTEGER NOT NULL UNIQUE,
              name TEXT);
            CREATE TABLE roads (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              geom LINESTRING NOT NULL,
              id INTEGER NOT NULL UNIQUE,
              from_node INTEGER NOT NULL REFERENCES road_nodes (id),
              to_node INTEGER NOT NULL REFERENCES road_nodes (id),
              ref TEXT,
              class TEXT NOT NULL CHECK (class IN ('motorway','trunk','primary','secondary','tertiary')),
              length_m REAL NOT NULL CHECK (length_m >= 0),
              speed_kmh REAL NOT NULL CHECK (speed_kmh > 0),
              oneway INTEGER NOT NULL CHECK (oneway IN (0, 1)),
              max_weight_t REAL CHECK (max_weight_t IS NULL OR max_weight_t > 0));
            CREATE INDEX roads_from ON roads (from_node);
            CREATE INDEX roads_to ON roads (to_node);
            CREATE INDEX roads_ref ON roads (ref);
            CREATE TABLE vehicle_types (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              capacity_t REAL NOT NULL CHECK (capacity_t > 0),
              capacity_m3 REAL NOT NULL CHECK (capacity_m3 > 0),
              gross_weight_t REAL NOT NULL CHECK (gross_weight_t > 0),
              speed_factor REAL NOT NULL CHECK (speed_factor > 0),
              fixed_cost REAL NOT NULL CHECK (fixed_cost >= 0),
              cost_per_km REAL NOT NULL CHECK (cost_per_km >= 0),
              shift_hours REAL NOT NULL CHECK (shift_hours > 0));
            CREATE TABLE fleet (
              fid INTEGER PRIMARY KEY AUTOINCREMENT,
              entry_point_id TEXT NOT NULL REFERENCES entry_points (id),
              vehicle_type_id TEXT NOT NULL REFERENCES vehicle_types (id),
              count INTEGER NOT NULL CHECK (count >= 0),
              UNIQUE (entry_point_id, vehicle_type_id));
            CREATE INDEX fleet_vehicle ON fleet (vehicle_type_id);

            CREATE TABLE scenarios (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL UNIQUE,
              parent_id INTEGER REFERENCES scenarios (id),
              created_at TEXT NOT NULL,
              params_json TEXT NOT NULL DEFAULT '{}');
            CREATE INDEX scenarios_parent ON scenarios (parent_id);
            CREATE TABLE scenario_edits (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
              seq INTEGER NOT NULL,
              kind TEXT NOT NULL,
              payload_json TEXT NOT NULL,
              UNIQUE (scenario_id, seq));
            CREATE TABLE results (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              scenario_id INTEGER NOT NULL REFERENCES scenarios (id),
              job_id INTEGER REFERENCES jobs (id),
              created_at TEXT NOT NULL,
              seed INTEGER,
              report_json TEXT NOT NULL);
            CREATE INDEX results_scenario ON results (scenario_id);
            CREATE INDEX results_job ON results (job_id);
            CREATE TABLE jobs (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              kind TEXT NOT NULL,
              scenario_id INTEGER REFERENCES scenarios (id),
              params_json TEXT NOT NULL DEFAULT '{}',
              status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
              progress_json TEXT,
              lease_owner TEXT,
              lease_expires_at TEXT,
              heartbeat_at TEXT,
              attempts INTEGER NOT NULL DEFAULT 0,
              created_at TEXT NOT NULL,
              started_at TEXT,
              finished_at TEXT,
              error TEXT,
              result_id INTEGER REFERENCES results (id));
            CREATE INDEX jobs_status ON jobs (status, id);
            CREATE INDEX jobs_scenario ON jobs (scenario_id);
            CREATE INDEX jobs_result ON jobs (result_id);

            CREATE TABLE dataset_loads (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              source TEXT NOT NULL,
              sha256 TEXT NOT NULL,
              loaded_at TEXT NOT NULL);

            """ + registrations;
    }
}
