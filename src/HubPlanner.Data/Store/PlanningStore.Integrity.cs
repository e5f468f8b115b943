using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace HubPlanner.Data.Store;

/// <summary>Checks of the file as a whole: SQLite's own integrity check and a digest per table, so tests and tools
/// can prove that refused input changed nothing and that concurrent writers left a sound database.</summary>
public sealed partial class PlanningStore
{
    /// <summary>The result of <c>PRAGMA integrity_check</c>: "ok", or the problems SQLite found, one per line.</summary>
    public string IntegrityCheck() => _db.Read(c => string.Join("\n", c.Query<string>("PRAGMA integrity_check")));

    /// <summary>
    /// SHA-256 of every table's rows in rowid order (each value as text, NULL marked), by table name. Two equal
    /// dictionaries mean the same rows in every table.
    /// </summary>
    public IReadOnlyDictionary<string, string> TableDigests() => _db.Read(c =>
    {
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string table in c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'rtree_%' ORDER BY name"))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var command = c.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ORDER BY rowid";
            using var reader = command.ExecuteReader();
            long rows = 0;
            while (reader.Read())
            {
                rows++;
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    string cell = reader.IsDBNull(i) ? "\u0000NULL" : reader.GetValue(i) is byte[] blob ? Convert.ToBase64String(blob) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    hash.AppendData(Encoding.UTF8.GetBytes(cell));
                    hash.AppendData([0x1F]);
                }

                hash.AppendData([0x1E]);
            }

            digests[table] = $"{rows}:{Convert.ToHexString(hash.GetHashAndReset())}";
        }

        return (IReadOnlyDictionary<string, string>)digests;
    });
}
