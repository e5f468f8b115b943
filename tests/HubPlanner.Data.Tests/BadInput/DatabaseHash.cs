using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Tests.BadInput;

/// <summary>
/// A SHA-256 of every table's rows (all columns, in rowid order), read with plain SQL so that it does not depend
/// on the store under test: equal hashes before and after mean the refused input changed nothing.
/// </summary>
public static class DatabaseHash
{
    public static Dictionary<string, string> PerTable(string dbPath)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string table in tables)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            try
            {
                using var reader = select.ExecuteReader();
                Append(hash, reader);
            }
            catch (SqliteException)
            {
                // A WITHOUT ROWID table: order by every column instead.
                select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
                using var reader = select.ExecuteReader();
                Append(hash, reader);
            }

            hashes[table] = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        return hashes;
    }

    private static void Append(IncrementalHash hash, SqliteDataReader reader)
    {
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++)
            {
                object value = reader.GetValue(i);
                byte[] bytes = value switch
                {
                    byte[] b => b,
                    DBNull => [0xFF, 0x00],
                    _ => Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                };
                hash.AppendData(BitConverter.GetBytes(bytes.Length));
                hash.AppendData(bytes);
            }
        }
    }
}
