using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Store;

/// <summary>
/// The one way this program opens the planning database, and the one write discipline. Every connection has
/// foreign keys on, a 30 s busy timeout and the GeoPackage SQL functions registered. Every write of the process
/// runs through <see cref="Write{T}"/>: one writer at a time per database file (a FIFO gate shared by every store
/// instance of this process), inside a <c>BEGIN IMMEDIATE</c> transaction, so whatever the write reads to
/// validate itself is still true when it commits. Other processes are kept apart by SQLite's own lock and the
/// busy timeout. SQLite errors leave as <see cref="StoreException"/>.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    // SQLite has one writer at a time. Writers of this process queue here, in FIFO order and without sleeping,
    // instead of meeting SQLITE_BUSY and backing off in SQLite's busy handler (whose sleeps of up to 100 ms
    // made the write latency tail under load). Keyed by file so that two store instances on one file share it.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate;

    /// <param name="fullPath">The database file.</param>
    /// <param name="pooled">Keep closed connections open for reuse (a long-running service: shorter writes under
    /// load); off by default so that a closed store leaves no handle on the file.</param>
    public SqliteConnectionFactory(string fullPath, bool pooled = false)
    {
        Path = fullPath;
        _connectionString = ConnectionString(fullPath, pooled);
        _gate = Gates.GetOrAdd(fullPath, _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>Opens a file that is not a planning database (an export being written, which only its writer sees),
    /// with the same settings; writes to it need no gate.</summary>
    public static SqliteConnection OpenStandalone(string fullPath)
    {
        var connection = new SqliteConnection(ConnectionString(fullPath, pooled: false));
        try
        {
            connection.Open();
            GpkgGeometry.RegisterFunctions(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string ConnectionString(string fullPath, bool pooled) => new SqliteConnectionStringBuilder
    {
        DataSource = fullPath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        // Without pooling a closed store leaves no handle open, so GDAL may read or a test may delete the file.
        Pooling = pooled,
        DefaultTimeout = 30,
    }.ToString();

    public string Path { get; }

    /// <summary>Opens a connection with foreign keys on and the GeoPackage functions registered.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            GpkgGeometry.RegisterFunctions(connection); // per open: a pooled connection forgets them when it is closed
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw StoreException.From(e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs a read on its own connection (WAL: never blocks the writer, never waits for it).</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using var connection = Open();
            return read(connection);
        }
        catch (SqliteException e)
        {
            throw StoreException.From(e);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> as the only writer of this process, in a <c>BEGIN IMMEDIATE</c> transaction
    /// that commits when it returns and rolls back when it throws. Validate inside it: nothing can change
    /// between the check and the write.
    /// </summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _gate.Wait();
        try
        {
            using var connection = Open();
            using var tx = connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock first
            var result = write(connection, tx);
            tx.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw StoreException.From(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> as the only writer of this process, without a transaction
    /// (schema steps that must run outside one, such as switching to WAL).</summary>
    public T Exclusive<T>(Func<SqliteConnection, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _gate.Wait();
        try
        {
            using var connection = Open();
            return action(connection);
        }
        catch (SqliteException e)
        {
            throw StoreException.From(e);
        }
        finally
        {
            _gate.Release();
        }
    }
}
