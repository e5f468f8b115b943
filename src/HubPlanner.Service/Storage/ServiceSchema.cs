using Dapper;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Service.Storage;

/// <summary>
/// The tables the service reads and writes. The column names are those of the store's schema (scenarios,
/// scenario_edits, jobs, results); the service adds <c>api_tokens</c>, <c>jobs.cancel_requested_at</c>,
/// <c>results.geojson</c> and a unique index that allows one result per job.
/// </summary>
internal static class ServiceSchema
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS scenarios (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            name        TEXT NOT NULL UNIQUE,
            parent_id   INTEGER NULL REFERENCES scenarios(id),
            created_at  TEXT NOT NULL,
            params_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE IF NOT EXISTS scenario_edits (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
            seq         INTEGER NOT NULL,
            kind        TEXT NOT NULL,
            payload_json TEXT NOT NULL,
            UNIQUE (scenario_id, seq)
        );
        CREATE TABLE IF NOT EXISTS jobs (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            kind             TEXT NOT NULL,
            scenario_id      INTEGER NULL REFERENCES scenarios(id),
            params_json      TEXT NOT NULL DEFAULT '{}',
            status           TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
            progress_json    TEXT NULL,
            lease_owner      TEXT NULL,
            lease_expires_at TEXT NULL,
            heartbeat_at     TEXT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            created_at       TEXT NOT NULL,
            started_at       TEXT NULL,
            finished_at      TEXT NULL,
            error            TEXT NULL,
            result_id        INTEGER NULL
        );
        CREATE INDEX IF NOT EXISTS ix_jobs_status ON jobs(status, id);
        CREATE TABLE IF NOT EXISTS results (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            scenario_id INTEGER NOT NULL REFERENCES scenarios(id),
            job_id      INTEGER NULL REFERENCES jobs(id),
            created_at  TEXT NOT NULL,
            seed        INTEGER NULL,
            report_json TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS api_tokens (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            name        TEXT NOT NULL UNIQUE,
            sha256      TEXT NOT NULL UNIQUE,
            created_at  TEXT NOT NULL,
            revoked_at  TEXT NULL
        );
        """;

    /// <summary>Applies the DDL and the service's added columns, once each.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction();
        connection.Execute(Ddl, transaction: tx);
        connection.Execute(
            "INSERT OR IGNORE INTO scenarios (name, parent_id, created_at, params_json) VALUES ('base', NULL, @now, '{}')",
            new { now = ServiceDatabase.Timestamp(DateTimeOffset.UtcNow) }, tx);
        AddColumnIfMissing(connection, tx, "jobs", "cancel_requested_at", "TEXT NULL");
        AddColumnIfMissing(connection, tx, "results", "geojson", "TEXT NULL");
        // One result per job: even a zombie worker that slipped past the lease guard cannot add a second one.
        connection.Execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_results_job ON results(job_id) WHERE job_id IS NOT NULL;", transaction: tx);
        tx.Commit();
    }

    private static void AddColumnIfMissing(SqliteConnection connection, SqliteTransaction tx, string table, string column, string type)
    {
        var exists = connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column", new { table, column }, tx) > 0;
        if (!exists)
        {
            // Identifiers cannot be parameters; both come from the constants above, never from a request.
            connection.Execute($"ALTER TABLE {table} ADD COLUMN {column} {type};", transaction: tx);
        }
    }
}
