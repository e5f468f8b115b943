using System.Globalization;
using Dapper;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Store;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;

namespace HubPlanner.Data.PlanExport;

/// <summary>
/// Writes a plan's layers (the same features as <see cref="PlanGeoJson"/>) as a standalone GeoPackage: one
/// feature table per layer, columns from the features' properties, SRID 4326, so QGIS opens it directly.
/// </summary>
public static class PlanGeoPackage
{
    /// <summary>Writes the file (replacing it), via a temporary file so a reader never sees half of it.</summary>
    public static void Write(string path, PlanningProblem problem, PlanResult result)
    {
        var features = PlanGeoJson.Build(problem, result);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tmp = full + ".tmp";
        File.Delete(tmp);
        using (var connection = SqliteConnectionFactory.OpenStandalone(tmp))
        {
            connection.Execute($"PRAGMA application_id = {Schema.GeoPackageApplicationId}; PRAGMA user_version = {Schema.GeoPackageUserVersion};");
            using var tx = connection.BeginTransaction();
            connection.Execute(Schema.GeoPackageCoreSql(), transaction: tx);
            foreach (var layer in PlanGeoJson.Layers)
            {
                var rows = features.Where(f => (string)f.Attributes["layer"] == layer).ToList();
                WriteLayer(connection, tx, layer, rows);
            }

            tx.Commit();
        }

        File.Move(tmp, full, overwrite: true);
    }

    private static void WriteLayer(SqliteConnection connection, SqliteTransaction tx, string layer, IReadOnlyList<IFeature> rows)
    {
        var columns = rows.SelectMany(f => f.Attributes.GetNames()).Where(n => n != "layer").Distinct(StringComparer.Ordinal).ToList();
        string Type(string column)
        {
            var values = rows.Select(f => f.Attributes.Exists(column) ? f.Attributes[column] : null).Where(v => v is not null).ToList();
            if (values.Count > 0 && values.All(v => v is bool or int or long))
            {
                return "INTEGER";
            }

            return values.Count > 0 && values.All(v => v is double or float or decimal or int or long) ? "REAL" : "TEXT";
        }

        var types = columns.ToDictionary(c => c, Type, StringComparer.Ordinal);
        string table = $"plan_{layer}";
        string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        connection.Execute(
            $"CREATE TABLE {Quote(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY" +
            string.Concat(columns.Select(c => $", {Quote(c)} {types[c]}")) + ")", transaction: tx);
        connection.Execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (@table, 'features', @table, 4326)", new { table }, tx);
        connection.Execute("INSERT INTO gpkg_geometry_columns VALUES (@table, 'geom', 'GEOMETRY', 4326, 0, 0)", new { table }, tx);
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO {Quote(table)} (geom{string.Concat(columns.Select(c => $", {Quote(c)}"))}) VALUES (@geom" +
                             string.Concat(columns.Select((_, i) => $", @p{i}")) + ")";
        foreach (var f in rows)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("@geom", GpkgGeometry.Write(f.Geometry));
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
}
