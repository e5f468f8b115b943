using Dapper;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Service.Storage;

/// <summary>
/// Opens connections to the planning database with the settings every service connection needs: WAL (readers
/// never block the writer), a busy timeout (writers queue instead of failing under load) and foreign keys.
/// Transactions stay short: a claim, a heartbeat or a result write each take one.
/// </summary>
public sealed class ServiceDatabase : IDisposable
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

    // SQLite has one writer at a time. Writers of this process queue here, in FIFO order and without sleeping,
    // instead of meeting SQLITE_BUSY and backing off in SQLite's busy handler (whose sleeps of up to 100 ms made
    // the write latency tail under load); other processes are still kept apart by busy_timeout.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Runs one write transaction of this process at a time (see the note on the gate).</summary>
    public T Write<T>(Func<SqliteConnection, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _writeGate.Wait();
        try
        {
            using var connection = Open();
            return write(connection);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Opens a connection with busy timeout and foreign keys on.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;");
        // If QGIS or GDAL added a spatial index to a plan layer, its triggers call these on every insert.
        HubPlanner.Data.Store.GpkgGeometry.RegisterFunctions(connection);
        return connection;
    }

    /// <inheritdoc />
    public void Dispose() => _writeGate.Dispose();

    /// <summary>Creates or migrates the planning database through the store (WAL, GeoPackage pragmas, every
    /// forward-only migration including the service's, the base scenario). Idempotent.</summary>
    public void Migrate() => Write(_ => HubPlanner.Data.Store.PlanningStore.Open(Path));

    /// <summary>Timestamps are ISO-8601 UTC text with a fixed width, so that SQL string order is time order.</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
