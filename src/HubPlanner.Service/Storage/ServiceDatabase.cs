using Dapper;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Service.Storage;

/// <summary>
/// Opens connections to the planning database with the settings every service connection needs: WAL (readers
/// never block the writer), a busy timeout (writers queue instead of failing under load) and foreign keys.
/// Transactions stay short: a claim, a heartbeat or a result write each take one.
/// </summary>
public sealed class ServiceDatabase
{
    private readonly string _connectionString;

    /// <summary>Creates the factory for the file at <paramref name="path"/> (created if missing).</summary>
    public ServiceDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens a connection with busy timeout and foreign keys on.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;");
        return connection;
    }

    /// <summary>Switches the file to WAL and applies the schema the service needs (idempotent).</summary>
    public void Migrate()
    {
        using var connection = Open();
        connection.Execute("PRAGMA journal_mode = WAL;");
        ServiceSchema.Apply(connection);
    }

    /// <summary>Timestamps are ISO-8601 UTC text with a fixed width, so that SQL string order is time order.</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
