using Dapper;
using HubPlanner.Service.Storage;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Service.Jobs;

/// <summary>
/// The durable job queue on the <c>jobs</c> table. Every state change is one short transaction; the ones that
/// a worker makes are guarded by <c>lease_owner = @me AND status = 'running'</c>, so a worker that lost its
/// lease (paused, partitioned, presumed dead) can never overwrite the state or add a second result.
/// </summary>
public interface IJobQueue
{
    /// <summary>Adds a queued job and returns its id.</summary>
    long Submit(string kind, long? scenarioId, string paramsJson, DateTimeOffset now);

    /// <summary>One job, or null.</summary>
    JobRecord? Get(long id);

    /// <summary>The newest jobs first, optionally of one status.</summary>
    IReadOnlyList<JobRecord> List(string? status, int limit);

    /// <summary>Atomically takes the oldest queued job for <paramref name="owner"/>, or returns null.</summary>
    JobRecord? TryClaim(string owner, DateTimeOffset now, TimeSpan lease);

    /// <summary>Renews the lease and stores progress (when not null).</summary>
    LeaseState Heartbeat(long id, string owner, DateTimeOffset now, TimeSpan lease, string? progressJson);

    /// <summary>Writes the result and marks the job succeeded in one transaction, unless cancelled or lost;
    /// stores the last progress report too when <paramref name="progressJson"/> is not null.</summary>
    CompletionState Complete(long id, string owner, DateTimeOffset now, JobOutcome outcome, string? progressJson = null);

    /// <summary>Ends a job we own as failed or cancelled (no result). False when it was not ours.</summary>
    bool Finish(long id, string owner, DateTimeOffset now, string status, string? error, string? progressJson = null);

    /// <summary>Gives a job we own back to the queue (graceful shutdown); the attempt does not count.</summary>
    bool Release(long id, string owner);

    /// <summary>Re-queues running jobs whose lease expired (their worker died); cancels those that were asked
    /// to cancel, and fails those that lost their worker <paramref name="maxAttempts"/> times. Returns the
    /// number of jobs changed.</summary>
    int RecoverExpired(DateTimeOffset now, int maxAttempts);

    /// <summary>Cancels a queued job at once, or flags a running one for its worker. Null if no such job.</summary>
    JobRecord? RequestCancel(long id, DateTimeOffset now);

    /// <summary>One result, or null.</summary>
    ResultRecord? GetResult(long id);

    /// <summary>The GeoJSON stored with a result, or null.</summary>
    string? GetResultGeoJson(long id);

    /// <summary>The number of results written for a job (0 or 1 by construction).</summary>
    long CountResultsOfJob(long jobId);
}

/// <summary>What a job handler produced: the report (JSON), optional GeoJSON and the seed used.</summary>
/// <param name="ReportJson">The machine-readable report, stored in <c>results.report_json</c>.</param>
/// <param name="GeoJson">A GeoJSON FeatureCollection for map tools, or null.</param>
/// <param name="Seed">The random seed the solver used, when it used one.</param>
public sealed record JobOutcome(string ReportJson, string? GeoJson, long? Seed)
{
    /// <summary>When set, writes the result row (and anything stored with it, e.g. a plan's GeoPackage layers)
    /// inside the worker's completion transaction and returns the new result id; otherwise the worker inserts
    /// <see cref="ReportJson"/> itself. Arguments: connection, transaction, scenario id, job id.</summary>
    public Func<SqliteConnection, SqliteTransaction, long, long, long>? WriteResult { get; init; }
}

/// <summary>The SQLite implementation of <see cref="IJobQueue"/>.</summary>
public sealed class SqliteJobQueue(ServiceDatabase database) : IJobQueue
{
    private const string Columns = """
        id AS Id, kind AS Kind, scenario_id AS ScenarioId, params_json AS ParamsJson, status AS Status,
        progress_json AS ProgressJson, lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt,
        heartbeat_at AS HeartbeatAt, attempts AS Attempts, created_at AS CreatedAt, started_at AS StartedAt,
        finished_at AS FinishedAt, error AS Error, result_id AS ResultId, cancel_requested_at AS CancelRequestedAt
        """;

    private static string T(DateTimeOffset t) => ServiceDatabase.Timestamp(t);

    /// <inheritdoc />
    public long Submit(string kind, long? scenarioId, string paramsJson, DateTimeOffset now)
    {
        return database.Write(c =>
        {
            return c.ExecuteScalar<long>(
                "INSERT INTO jobs (kind, scenario_id, params_json, status, attempts, created_at) VALUES (@kind, @scenarioId, @paramsJson, 'queued', 0, @now) RETURNING id",
                new { kind, scenarioId, paramsJson, now = T(now) });
        });
    }

    /// <inheritdoc />
    public JobRecord? Get(long id)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<JobRecord>($"SELECT {Columns} FROM jobs WHERE id = @id", new { id });
    }

    /// <inheritdoc />
    public IReadOnlyList<JobRecord> List(string? status, int limit)
    {
        using var c = database.Open();
        return c.Query<JobRecord>(
            $"SELECT {Columns} FROM jobs WHERE (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit",
            new { status, limit }).AsList();
    }

    /// <inheritdoc />
    public JobRecord? TryClaim(string owner, DateTimeOffset now, TimeSpan lease)
    {
        // An idle worker polls often: look with a plain read (WAL: never blocks, never blocks others) before
        // taking the write lock. The claim below stays correct if another worker wins in between.
        using (var r = database.Open())
        {
            if (r.ExecuteScalar<long>("SELECT EXISTS (SELECT 1 FROM jobs WHERE status = 'queued')") == 0)
            {
                return null;
            }
        }

        return database.Write(c =>
        {
            // BeginTransaction(deferred: false) issues BEGIN IMMEDIATE: the write lock is taken before the SELECT,
            // so two workers can never pick the same queued row.
            using var tx = c.BeginTransaction(deferred: false);
            var job = c.QuerySingleOrDefault<JobRecord>(
                $"""
                UPDATE jobs SET status = 'running', lease_owner = @owner, lease_expires_at = @expires, heartbeat_at = @now,
                                attempts = attempts + 1, started_at = @now, progress_json = NULL
                WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1)
                RETURNING {Columns}
                """,
                new { owner, now = T(now), expires = T(now + lease) }, tx);
            tx.Commit();
            return job;
        });
    }

    /// <inheritdoc />
    public LeaseState Heartbeat(long id, string owner, DateTimeOffset now, TimeSpan lease, string? progressJson)
    {
        return database.Write(c =>
        {
            var row = c.QuerySingleOrDefault<JobRecord>(
                """
                UPDATE jobs SET lease_expires_at = @expires, heartbeat_at = @now, progress_json = COALESCE(@progressJson, progress_json)
                WHERE id = @id AND lease_owner = @owner AND status = 'running'
                RETURNING id AS Id, cancel_requested_at AS CancelRequestedAt
                """,
                new { id, owner, now = T(now), expires = T(now + lease), progressJson });
            return row switch
            {
                null => LeaseState.Lost,
                { CancelRequestedAt: not null } => LeaseState.CancelRequested,
                _ => LeaseState.Held,
            };
        });
    }

    /// <inheritdoc />
    public CompletionState Complete(long id, string owner, DateTimeOffset now, JobOutcome outcome, string? progressJson = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return database.Write(c =>
        {
            using var tx = c.BeginTransaction(deferred: false);
            var job = c.QuerySingleOrDefault<JobRecord>(
                $"SELECT {Columns} FROM jobs WHERE id = @id AND lease_owner = @owner AND status = 'running'", new { id, owner }, tx);
            if (job is null)
            {
                return CompletionState.LeaseLost; // disposing the transaction rolls back: nothing written
            }

            if (job.CancelRequestedAt is not null)
            {
                c.Execute(
                    "UPDATE jobs SET status = 'cancelled', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, error = 'cancelled on request', progress_json = COALESCE(@progressJson, progress_json) WHERE id = @id",
                    new { id, now = T(now), progressJson }, tx);
                tx.Commit();
                return CompletionState.Cancelled;
            }

            long resultId;
            if (outcome.WriteResult is { } write)
            {
                resultId = write(c, tx, job.ScenarioId ?? throw new InvalidOperationException($"job {id} has no scenario; a result needs one"), id);
                c.Execute("UPDATE results SET geojson = @geojson WHERE id = @resultId", new { resultId, geojson = outcome.GeoJson }, tx);
            }
            else
            {
                resultId = c.ExecuteScalar<long>(
                    "INSERT INTO results (scenario_id, job_id, created_at, seed, report_json, geojson) VALUES (@scenarioId, @id, @now, @seed, @report, @geojson) RETURNING id",
                    new { scenarioId = job.ScenarioId, id, now = T(now), seed = outcome.Seed, report = outcome.ReportJson, geojson = outcome.GeoJson }, tx);
            }

            c.Execute(
                "UPDATE jobs SET status = 'succeeded', finished_at = @now, result_id = @resultId, lease_owner = NULL, lease_expires_at = NULL, error = NULL, progress_json = COALESCE(@progressJson, progress_json) WHERE id = @id",
                new { id, now = T(now), resultId, progressJson }, tx);
            tx.Commit();
            return CompletionState.Succeeded;
        });
    }

    /// <inheritdoc />
    public bool Finish(long id, string owner, DateTimeOffset now, string status, string? error, string? progressJson = null)
    {
        if (status is not (JobStatus.Failed or JobStatus.Cancelled))
        {
            throw new ArgumentException($"Finish ends a job as failed or cancelled, not '{status}'", nameof(status));
        }

        return database.Write(c =>
        {
            return c.Execute(
                "UPDATE jobs SET status = @status, finished_at = @now, error = @error, lease_owner = NULL, lease_expires_at = NULL, progress_json = COALESCE(@progressJson, progress_json) WHERE id = @id AND lease_owner = @owner AND status = 'running'",
                new { id, owner, now = T(now), status, error, progressJson }) == 1;
        });
    }

    /// <inheritdoc />
    public bool Release(long id, string owner)
    {
        return database.Write(c =>
        {
            return c.Execute(
                "UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, attempts = MAX(attempts - 1, 0) WHERE id = @id AND lease_owner = @owner AND status = 'running'",
                new { id, owner }) == 1;
        });
    }

    /// <inheritdoc />
    public int RecoverExpired(DateTimeOffset now, int maxAttempts)
    {
        return database.Write(c =>
        {
            using var tx = c.BeginTransaction(deferred: false);
            var p = new { now = T(now), maxAttempts };
            var changed = c.Execute(
                "UPDATE jobs SET status = 'cancelled', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, error = 'cancelled on request (its worker was lost)' WHERE status = 'running' AND lease_expires_at < @now AND cancel_requested_at IS NOT NULL",
                p, tx);
            changed += c.Execute(
                "UPDATE jobs SET status = 'failed', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, error = 'its worker was lost ' || attempts || ' times (process killed or hung); not retried' WHERE status = 'running' AND lease_expires_at < @now AND attempts >= @maxAttempts",
                p, tx);
            changed += c.Execute(
                "UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL WHERE status = 'running' AND lease_expires_at < @now",
                p, tx);
            tx.Commit();
            return changed;
        });
    }

    /// <inheritdoc />
    public JobRecord? RequestCancel(long id, DateTimeOffset now)
    {
        return database.Write(c =>
        {
            using var tx = c.BeginTransaction(deferred: false);
            c.Execute(
                "UPDATE jobs SET status = 'cancelled', finished_at = @now, cancel_requested_at = @now, error = 'cancelled on request' WHERE id = @id AND status = 'queued'",
                new { id, now = T(now) }, tx);
            c.Execute(
                "UPDATE jobs SET cancel_requested_at = @now WHERE id = @id AND status = 'running' AND cancel_requested_at IS NULL",
                new { id, now = T(now) }, tx);
            var job = c.QuerySingleOrDefault<JobRecord>($"SELECT {Columns} FROM jobs WHERE id = @id", new { id }, tx);
            tx.Commit();
            return job;
        });
    }

    /// <inheritdoc />
    public ResultRecord? GetResult(long id)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<ResultRecord>(
            "SELECT id AS Id, scenario_id AS ScenarioId, job_id AS JobId, created_at AS CreatedAt, seed AS Seed, report_json AS ReportJson, geojson IS NOT NULL AS HasGeoJson FROM results WHERE id = @id",
            new { id });
    }

    /// <inheritdoc />
    public string? GetResultGeoJson(long id)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<string?>("SELECT geojson FROM results WHERE id = @id", new { id });
    }

    /// <inheritdoc />
    public long CountResultsOfJob(long jobId)
    {
        using var c = database.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM results WHERE job_id = @jobId", new { jobId });
    }
}
