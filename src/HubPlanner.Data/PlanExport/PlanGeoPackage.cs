using System.Globalization;
using Dapper;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Store;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.PlanExport;

/// <summary>
/// Writes a plan's layers (the same features as <see cref="PlanGeoJson"/>) as a standalone GeoPackage that QGIS
/// opens styled: one feature table per layer with a typed geometry column (POINT, LINESTRING or MULTIPOLYGON),
/// an R-tree spatial index per layer kept by the GeoPackage triggers, a default style per layer in
/// <c>layer_styles</c> (the table QGIS reads), SRID 4326. Attribute columns take the type of the values
/// (BOOLEAN, INTEGER, REAL, TEXT), the same JSON type the GeoJSON export writes.
/// </summary>
public static class PlanGeoPackage
{
    /// <summary>Each layer's geometry type and default style (QGIS colours as r,g,b,a).</summary>
    public static IReadOnlyDictionary<string, PlanLayerStyle> LayerStyles { get; } = new Dictionary<string, PlanLayerStyle>(StringComparer.Ordinal)
    {
        ["zones"] = new("MULTIPOLYGON", "214,137,16,60", "214,137,16,255", 0.4),
        ["control"] = new("MULTIPOLYGON", "120,40,40,70", "120,40,40,255", 0.4),
        ["threat_rings"] = new("MULTIPOLYGON", "231,76,60,0", "231,76,60,255", 0.5),
        ["coverage"] = new("MULTIPOLYGON", "52,152,219,50", "52,152,219,255", 0.3),
        ["gaps"] = new("MULTIPOLYGON", "231,76,60,90", "123,36,28,255", 0.3),
        ["candidate_sites"] = new("POINT", "255,255,255,255", "119,119,119,255", 2),
        ["entry_points"] = new("POINT", "22,160,133,255", "17,17,17,255", 2.6),
        ["assignments"] = new("LINESTRING", "153,153,153,255", "153,153,153,255", 0.3),
        ["routes"] = new("LINESTRING", "230,126,34,255", "230,126,34,255", 0.8),
        ["hubs"] = new("POINT", "192,57,43,255", "17,17,17,255", 4),
    };

    /// <summary>Writes the file (replacing it), via a temporary file so a reader never sees half of it.</summary>
    public static void Write(string path, PlanningProblem problem, PlanResult result)
    {
        var features = PlanGeoJson.Build(problem, result);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tmp = full + ".tmp";
        File.Delete(tmp);
        // The standalone connection registers the ST_* functions the R-tree triggers call.
        using (var connection = SqliteConnectionFactory.OpenStandalone(tmp))
        {
            connection.Execute($"PRAGMA application_id = {Schema.GeoPackageApplicationId}; PRAGMA user_version = {Schema.GeoPackageUserVersion};");
            using var tx = connection.BeginTransaction();
            connection.Execute(Schema.GeoPackageCoreSql(), transaction: tx);
            connection.Execute(ExtensionsAndStylesSql, transaction: tx);
            foreach (var layer in PlanGeoJson.Layers)
            {
                var rows = features.Where(f => (string)f.Attributes["layer"] == layer).ToList();
                WriteLayer(connection, tx, layer, rows);
            }

            tx.Commit();
        }

        SqliteConnection.ClearPool(new SqliteConnection($"Data Source={tmp}"));
        File.Move(tmp, full, overwrite: true);
    }

    private const string ExtensionsAndStylesSql = """
        CREATE TABLE gpkg_extensions (
          table_name TEXT,
          column_name TEXT,
          extension_name TEXT NOT NULL,
          definition TEXT NOT NULL,
          scope TEXT NOT NULL,
          CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
        CREATE TABLE layer_styles (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          f_table_catalog TEXT(256),
          f_table_schema TEXT(256),
          f_table_name TEXT(256),
          f_geometry_column TEXT(256),
          styleName TEXT(30),
          styleQML TEXT,
          styleSLD TEXT,
          useAsDefault BOOLEAN,
          description TEXT,
          owner TEXT(30),
          ui TEXT(30),
          update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
          VALUES ('layer_styles', 'attributes', 'layer_styles', 'default QGIS style of each plan layer');
        """;

    /// <summary>The GeoPackage geometry type a layer's column declares, as the GeoJSON features of that layer hold it.</summary>
    public static Geometry Conform(Geometry geometry, string geometryType)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var gf = GeoFactory.Wgs84;
        return geometryType switch
        {
            "MULTIPOLYGON" => geometry switch
            {
                MultiPolygon m => m,
                Polygon p => gf.CreateMultiPolygon([p]),
                _ => gf.CreateMultiPolygon(Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN)
                    .SelectMany(g => g is MultiPolygon mp ? mp.Geometries.Cast<Polygon>() : g is Polygon p ? [p] : []).ToArray()),
            },
            "LINESTRING" => geometry is LineString ? geometry
                : throw new InvalidDataException($"a LINESTRING layer got a {geometry.GeometryType}"),
            "POINT" => geometry is Point ? geometry : throw new InvalidDataException($"a POINT layer got a {geometry.GeometryType}"),
            _ => geometry,
        };
    }

    private static void WriteLayer(SqliteConnection connection, SqliteTransaction tx, string layer, IReadOnlyList<IFeature> rows)
    {
        var style = LayerStyles[layer];
        var columns = rows.SelectMany(f => f.Attributes.GetNames()).Where(n => n != "layer").Distinct(StringComparer.Ordinal).ToList();
        string Type(string column)
        {
            var values = rows.Select(f => f.Attributes.Exists(column) ? f.Attributes[column] : null).Where(v => v is not null).ToList();
            if (values.Count > 0 && values.All(v => v is bool))
            {
                return "BOOLEAN";
            }

            if (values.Count > 0 && values.All(v => v is int or long))
            {
                return "INTEGER";
            }

            return values.Count > 0 && values.All(v => v is double or float or decimal or int or long) ? "REAL" : "TEXT";
        }

        var types = columns.ToDictionary(c => c, Type, StringComparer.Ordinal);
        string table = $"plan_{layer}";
        string rtree = $"rtree_{table}_geom";
        connection.Execute(
            $"CREATE TABLE {Quote(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom {style.GeometryType}" +
            string.Concat(columns.Select(c => $", {Quote(c)} {types[c]}")) + ")", transaction: tx);
        connection.Execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (@table, 'features', @table, 4326)", new { table }, tx);
        connection.Execute("INSERT INTO gpkg_geometry_columns VALUES (@table, 'geom', @type, 4326, 0, 0)", new { table, type = style.GeometryType }, tx);

        // The R-tree and the triggers of the GeoPackage spatial index extension (as GDAL writes them), created
        // before the rows so that the triggers fill the index.
        connection.Execute($"CREATE VIRTUAL TABLE {Quote(rtree)} USING rtree(id, minx, maxx, miny, maxy)", transaction: tx);
        connection.Execute(RtreeTriggers(table, rtree), transaction: tx);
        connection.Execute(
            "INSERT INTO gpkg_extensions VALUES (@table, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
            new { table }, tx);
        connection.Execute(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui) " +
            "VALUES ('', '', @table, 'geom', @table, @qml, '', 1, @description, '', '')",
            new { table, qml = Qml(style), description = $"HubPlanner default style of {layer}" }, tx);

        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO {Quote(table)} (geom{string.Concat(columns.Select(c => $", {Quote(c)}"))}) VALUES (@geom" +
                             string.Concat(columns.Select((_, i) => $", @p{i}")) + ")";
        foreach (var f in rows)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("@geom", GpkgGeometry.Write(Conform(f.Geometry, style.GeometryType)));
            for (int i = 0; i < columns.Count; i++)
            {
                object? v = f.Attributes.Exists(columns[i]) ? f.Attributes[columns[i]] : null;
                insert.Parameters.AddWithValue($"@p{i}", v switch
                {
                    null => DBNull.Value,
                    bool b => b ? 1 : 0,
                    double d when !double.IsFinite(d) => DBNull.Value,
                    IFormattable x when types[columns[i]] == "TEXT" => x.ToString(null, CultureInfo.InvariantCulture),
                    _ => v,
                });
            }

            insert.ExecuteNonQuery();
        }

        DatasetWriter.UpdateExtent(connection, tx, table, now: null);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string RtreeTriggers(string table, string rtree)
    {
        string t = Quote(table), r = Quote(rtree);
        string Name(string suffix) => Quote($"{rtree}_{suffix}");
        const string bounds = "NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)";
        return $"""
            CREATE TRIGGER {Name("insert")} AFTER INSERT ON {t}
              WHEN (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN INSERT OR REPLACE INTO {r} VALUES ({bounds}); END;
            CREATE TRIGGER {Name("update1")} AFTER UPDATE OF geom ON {t}
              WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN INSERT OR REPLACE INTO {r} VALUES ({bounds}); END;
            CREATE TRIGGER {Name("update2")} AFTER UPDATE OF geom ON {t}
              WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM {r} WHERE id = OLD.fid; END;
            CREATE TRIGGER {Name("update3")} AFTER UPDATE ON {t}
              WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM {r} WHERE id = OLD.fid; INSERT OR REPLACE INTO {r} VALUES ({bounds}); END;
            CREATE TRIGGER {Name("update4")} AFTER UPDATE ON {t}
              WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM {r} WHERE id IN (OLD.fid, NEW.fid); END;
            CREATE TRIGGER {Name("delete")} AFTER DELETE ON {t}
              WHEN OLD.geom NOT NULL
            BEGIN DELETE FROM {r} WHERE id = OLD.fid; END;
            """;
    }

    /// <summary>A single-symbol QGIS style (QML) for the layer's geometry type.</summary>
    private static string Qml(PlanLayerStyle style)
    {
        string width = style.Size.ToString("0.##", CultureInfo.InvariantCulture);
        (string symbolType, string layerClass, string options) = style.GeometryType switch
        {
            "POINT" => ("marker", "SimpleMarker",
                $"""<Option type="QString" name="name" value="circle"/><Option type="QString" name="color" value="{style.Fill}"/><Option type="QString" name="outline_color" value="{style.Stroke}"/><Option type="QString" name="size" value="{width}"/><Option type="QString" name="size_unit" value="MM"/>"""),
            "LINESTRING" => ("line", "SimpleLine",
                $"""<Option type="QString" name="line_color" value="{style.Stroke}"/><Option type="QString" name="line_width" value="{width}"/><Option type="QString" name="line_width_unit" value="MM"/>"""),
            _ => ("fill", "SimpleFill",
                $"""<Option type="QString" name="color" value="{style.Fill}"/><Option type="QString" name="outline_color" value="{style.Stroke}"/><Option type="QString" name="outline_width" value="{width}"/><Option type="QString" name="style" value="solid"/>"""),
        };
        return $"""
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis version="3.28.0" styleCategories="Symbology">
              <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
                <symbols>
                  <symbol type="{symbolType}" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
                    <layer class="{layerClass}" enabled="1" locked="0" pass="0">
                      <Option type="Map">{options}</Option>
                    </layer>
                  </symbol>
                </symbols>
              </renderer-v2>
            </qgis>
            """;
    }
}

/// <summary>A plan layer's GeoPackage geometry type and default QGIS style.</summary>
/// <param name="GeometryType">POINT, LINESTRING or MULTIPOLYGON.</param>
/// <param name="Fill">Fill (or marker) colour, QGIS "r,g,b,a".</param>
/// <param name="Stroke">Outline (or line) colour, QGIS "r,g,b,a".</param>
/// <param name="Size">Marker size or line/outline width, mm.</param>
public sealed record PlanLayerStyle(string GeometryType, string Fill, string Stroke, double Size);
