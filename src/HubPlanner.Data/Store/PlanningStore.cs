using System.Globalization;
using Dapper;
using HubPlanner.Data.Input;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Store;

/// <summary>
/// The planning database: one SQLite file that is also a GeoPackage 1.3, implementing every storage interface
/// (<see cref="IHubPlannerStore"/>). Opening creates or migrates it (forward only, recorded in
/// <c>hubplanner_migrations</c>), turns on WAL and ensures the <c>base</c> scenario. Connections come from one
/// factory (<see cref="SqliteConnectionFactory"/>); each public write is one <c>BEGIN IMMEDIATE</c>
/// transaction behind the process's writer gate and validates inside it. Every call opens and closes its own
/// connection, so one instance may be shared between threads (a worker and an HTTP API) and processes may share
/// the file (WAL, 30 s busy timeout).
/// </summary>
public sealed partial class PlanningStore : IHubPlannerStore
{
    /// <summary>Name of the scenario that holds the imported data unchanged.</summary>
    public const string BaseScenarioName = Scenario.BaseName;

    private readonly SqliteConnectionFactory _db;
    private readonly TimeProvider _clock;

    private PlanningStore(string path, TimeProvider clock, bool pooled)
    {
        Path = System.IO.Path.GetFullPath(path);
        _clock = clock;
        _db = new SqliteConnectionFactory(Path, pooled);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Location => Path;

    /// <summary>
    /// Opens the database at <paramref name="path"/>, creating it if absent and applying pending migrations.
    /// </summary>
    /// <param name="clock">Source of timestamps (tests pass a fixed one); the system clock by default.</param>
    /// <param name="pooled">Reuse connections (the long-running service); a pooled store's file is released by
    /// <see cref="Delete"/> or when the process ends.</param>
    /// <exception cref="BadInputException">The file exists but is not a HubPlanner database.</exception>
    public static PlanningStore Open(string path, TimeProvider? clock = null, bool pooled = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new BadInputException($"Cannot create the database {path}: the folder {directory} does not exist.");
        }

        var store = new PlanningStore(path, clock ?? TimeProvider.System, pooled);
        store.Migrate();
        store.EnsureBaseScenario();
        return store;
    }

    /// <summary>Opens an existing database (and migrates it); never creates one.</summary>
    /// <exception cref="BadInputException">There is no file at <paramref name="path"/>.</exception>
    public static PlanningStore OpenExisting(string path, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new BadInputException($"No database at {path}; create it with 'hubplanner init' (or pass --db PATH).");
        }

        return Open(path, clock);
    }

    /// <summary>Deletes the database file and its WAL companions, if present.</summary>
    public static void Delete(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        SqliteConnection.ClearAllPools(); // a pooled store of this process may still hold the file open
        foreach (string suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>The migrations applied so far, in order.</summary>
    public IReadOnlyList<AppliedMigration> AppliedMigrations() => _db.Read(connection =>
        connection.Query<(long Version, string Name, string AppliedAt)>(
                "SELECT version, name, applied_at FROM hubplanner_migrations ORDER BY version")
            .Select(r => new AppliedMigration((int)r.Version, r.Name, ParseTime(r.AppliedAt)))
            .ToList());

    /// <summary>Row counts of every data table (<see cref="Schema.DataTables"/>), in display order.</summary>
    public IReadOnlyList<(string Table, long Rows)> CountRows() => _db.Read(connection =>
        Schema.DataTables
            .Select(t => (t, connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM \"{t}\"")))
            .ToList());

    /// <summary>Opens a read connection (tests and the inspector read with it; writes go through <see cref="Write{T}"/>).</summary>
    internal SqliteConnection Connect() => _db.Open();

    /// <summary>Runs a read on its own connection.</summary>
    internal T Read<T>(Func<SqliteConnection, T> read) => _db.Read(read);

    /// <summary>Runs a write transaction under the process's writer gate (see <see cref="SqliteConnectionFactory"/>).</summary>
    internal T Write<T>(Func<SqliteConnection, SqliteTransaction, T> write) => _db.Write(write);

    /// <summary>The current time as stored: UTC, fixed width, so that text order is time order.</summary>
    internal string Now() => FormatTime(_clock.GetUtcNow());

    /// <summary>A timestamp as stored and shown: ISO-8601 UTC with milliseconds and a fixed width, so that text order is time order.</summary>
    public static string FormatTime(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary><see cref="FormatTime(DateTimeOffset)"/>, or null.</summary>
    public static string? FormatTime(DateTimeOffset? time) => time is { } t ? FormatTime(t) : null;

    internal static DateTimeOffset ParseTime(string text)
        => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    internal static DateTimeOffset? ParseOptionalTime(string? text) => text is null ? null : ParseTime(text);

    private void Migrate() => _db.Exclusive(connection =>
    {
        long applicationId = connection.ExecuteScalar<long>("PRAGMA application_id");
        long tableCount = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");
        if (applicationId != Schema.GeoPackageApplicationId && tableCount > 0)
        {
            throw new BadInputException($"{Path} is an SQLite file but not a HubPlanner GeoPackage (application_id {applicationId}); refusing to change it.");
        }

        if (tableCount > 0 && connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'hubplanner_migrations'") == 0)
        {
            throw new BadInputException($"{Path} is a GeoPackage but not a HubPlanner database (no hubplanner_migrations table); refusing to change it.");
        }

        // WAL is persistent in the file; it cannot be switched inside a transaction.
        connection.Execute("PRAGMA journal_mode = WAL");

        using (var tx = connection.BeginTransaction())
        {
            if (tableCount == 0)
            {
                // Set once on a new file and never again: GeoPackage owns both pragmas.
                connection.Execute($"PRAGMA application_id = {Schema.GeoPackageApplicationId}", transaction: tx);
                connection.Execute($"PRAGMA user_version = {Schema.GeoPackageUserVersion}", transaction: tx);
            }

            connection.Execute(
                "CREATE TABLE IF NOT EXISTS hubplanner_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                transaction: tx);
            tx.Commit();
        }

        var applied = connection.Query<long>("SELECT version FROM hubplanner_migrations").ToHashSet();
        long newest = applied.Count == 0 ? 0 : applied.Max();
        if (newest > Schema.Migrations[^1].Version)
        {
            throw new BadInputException(
                $"{Path} has schema version {newest}, newer than this program knows ({Schema.Migrations[^1].Version}); use a newer hubplanner.");
        }

        foreach (var migration in Schema.Migrations.Where(m => !applied.Contains(m.Version)))
        {
            using var tx = connection.BeginTransaction();
            connection.Execute(migration.Sql, transaction: tx);
            connection.Execute("INSERT INTO hubplanner_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = Now() }, tx);
            tx.Commit();
        }

        return 0;
    });

    private void EnsureBaseScenario() => _db.Write((connection, tx) => connection.Execute(
        "INSERT INTO scenarios (name, parent_id, created_at, params_json) SELECT @Name, NULL, @At, '{}' " +
        "WHERE NOT EXISTS (SELECT 1 FROM scenarios WHERE name = @Name)",
        new { Name = BaseScenarioName, At = Now() }, tx));
}
