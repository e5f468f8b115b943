using Dapper;
using HubPlanner.Data.Input;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Store;

/// <summary>The job queue on the <c>jobs</c> table (<see cref="IJobStore"/>): every state change is one short
/// write transaction; a worker's changes are guarded by <c>lease_owner = @owner AND status = 'running'</c>.</summary>
public sealed partial class PlanningStore
{
    private const string JobColumns =
        "id AS Id, kind AS Kind, scenario_id AS ScenarioId, params_json AS ParamsJson, status AS Status, progress_json AS ProgressJson, " +
        "lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt, heartbeat_at AS HeartbeatAt, attempts AS Attempts, " +
        "created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, error AS Error, result_id AS ResultId, " +
        "cancel_requested_at AS CancelRequestedAt";

    /// <inheritdoc />
    public long Submit(string kind, long? scenarioId, string paramsJson, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(paramsJson);
        return _db.Write((c, tx) =>
        {
            if (scenarioId is { } sid && c.ExecuteScalar<long>("SELECT COUNT(*) FROM scenarios WHERE id = @sid", new { sid }, tx) == 0)
            {
                throw new BadInputException($"No scenario with id {sid}.");
            }

            return c.ExecuteScalar<long>(
                "INSERT INTO jobs (kind, scenario_id, params_json, status, attempts, created_at) VALUES (@kind, @scenarioId, @paramsJson, 'queued', 0, @now) RETURNING id",
                new { kind, scenarioId, paramsJson, now = FormatTime(now) }, tx);
        });
    }

    /// <inheritdoc />
    public Job? GetJob(long id) =>
        _db.Read(c => c.QuerySingleOrDefault<JobRow>($"SELECT {JobColumns} FROM jobs WHERE id = @id", new { id })?.ToRecord());

    /// <inheritdoc />
    public IReadOnlyList<Job> ListJobs(JobStatus? status, int limit) => _db.Read(c =>
        c.Query<JobRow>($"SELECT {JobColumns} FROM jobs WHERE (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit",
                new { status = status?.ToText(), limit })
            .Select(r => r.ToRecord()).ToList());

    /// <inheritdoc />
    public Job? TryClaim(string owner, DateTimeOffset now, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        // An idle worker polls often: look with a plain read (WAL: never blocks, never blocks others) before
        // taking the write lock. The claim below stays correct if another worker wins in between.
        if (_db.Read(c => c.ExecuteScalar<long>("SELECT EXISTS (SELECT 1 FROM jobs WHERE status = 'queued')")) == 0)
        {
            return null;
        }

        // BEGIN IMMEDIATE takes the write lock before the SELECT: two workers can never pick the same queued row.
        return _db.Write((c, tx) => c.QuerySingleOrDefault<JobRow>(
            $"""
            UPDATE jobs SET status = 'running', lease_owner = @owner, lease_expires_at = @expires, heartbeat_at = @now,
                            attempts = attempts + 1, started_at = @now, progress_json = NULL
            WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1)
            RETURNING {JobColumns}
            """,
            new { owner, now = FormatTime(now), expires = FormatTime(now + lease) }, tx)?.ToRecord());
    }

    /// <inheritdoc />
    public LeaseState Heartbeat(long id, string owner, DateTimeOffset now, TimeSpan lease, string? progressJson) => _db.Write((c, tx) =>
    {
        // No row: not ours. '' : renewed. A timestamp: renewed, and a cancel was requested.
        string? cancelRequested = c.QuerySingleOrDefault<string?>(
            """
            UPDATE jobs SET lease_expires_at = @expires, heartbeat_at = @now, progress_json = COALESCE(@progressJson, progress_json)
            WHERE id = @id AND lease_owner = @owner AND status = 'running'
            RETURNING COALESCE(cancel_requested_at, '')
            """,
            new { id, owner, now = FormatTime(now), expires = FormatTime(now + lease), progressJson }, tx);
        return cancelRequested switch
        {
            null => LeaseState.Lost,
            "" => LeaseState.Held,
            _ => LeaseState.CancelRequested,
        };
    });

    /// <inheritdoc />
    public CompletionState Complete(long id, string owner, DateTimeOffset now, JobOutcome outcome, string? progressJson = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return _db.Write((c, tx) =>
        {
            var job = c.QuerySingleOrDefault<JobRow>(
                $"SELECT {JobColumns} FROM jobs WHERE id = @id AND lease_owner = @owner AND status = 'running'", new { id, owner }, tx);
            if (job is null)
            {
                return CompletionState.LeaseLost; // nothing written
            }

            string at = FormatTime(now);
            if (job.CancelRequestedAt is not null)
            {
                c.Execute(
                    "UPDATE jobs SET status = 'cancelled', finished_at = @at, lease_owner = NULL, lease_expires_at = NULL, error = 'cancelled on request', progress_json = COALESCE(@progressJson, progress_json) WHERE id = @id",
                    new { id, at, progressJson }, tx);
                return CompletionState.Cancelled;
            }

            long scenarioId = job.ScenarioId ?? throw new InvalidOperationException($"job {id} has no scenario; a result needs one");
            long resultId = outcome.Plan is { } plan
                ? InsertPlan(c, tx, scenarioId, plan, id, outcome.GeoJson, at)
                : InsertResult(c, tx, scenarioId, id, outcome.Seed, outcome.ReportJson, outcome.GeoJson, at);
            c.Execute(
                "UPDATE jobs SET status = 'succeeded', finished_at = @at, result_id = @resultId, lease_owner = NULL, lease_expires_at = NULL, error = NULL, progress_json = COALESCE(@progressJson, progress_json) WHERE id = @id",
                new { id, at, resultId, progressJson }, tx);
            return CompletionState.Succeeded;
        });
    }

    /// <inheritdoc />
    public bool Finish(long id, string owner, DateTimeOffset now, JobStatus status, string? error, string? progressJson = null)
    {
        if (status is not (JobStatus.Failed or JobStatus.Cancelled))
        {
            throw new ArgumentException($"Finish ends a job as failed or cancelled, not '{status.ToText()}'", nameof(status));
        }

        return _db.Write((c, tx) => c.Execute(
            "UPDATE jobs SET status = @status, finished_at = @now, error = @error, lease_owner = NULL, lease_expires_at = NULL, progress_json = COALESCE(@progressJson, progress_json) WHERE id = @id AND lease_owner = @owner AND status = 'running'",
            new { id, owner, now = FormatTime(now), status = status.ToText(), error, progressJson }, tx) == 1);
    }

    /// <inheritdoc />
    public bool Release(long id, string owner) => _db.Write((c, tx) => c.Execute(
        "UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, attempts = MAX(attempts - 1, 0) WHERE id = @id AND lease_owner = @owner AND status = 'running'",
        new { id, owner }, tx) == 1);

    /// <inheritdoc />
    public int RecoverExpired(DateTimeOffset now, int maxAttempts) => _db.Write((c, tx) =>
    {
        var p = new { now = FormatTime(now), maxAttempts };
        int changed = c.Execute(
            "UPDATE jobs SET status = 'cancelled', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, error = 'cancelled on request (its worker was lost)' WHERE status = 'running' AND lease_expires_at < @now AND cancel_requested_at IS NOT NULL",
            p, tx);
        changed += c.Execute(
            "UPDATE jobs SET status = 'failed', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, error = 'its worker was lost ' || attempts || ' times (process killed or hung); not retried' WHERE status = 'running' AND lease_expires_at < @now AND attempts >= @maxAttempts",
            p, tx);
        changed += c.Execute(
            "UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL WHERE status = 'running' AND lease_expires_at < @now",
            p, tx);
        return changed;
    });

    /// <inheritdoc />
    public Job? RequestCancel(long id, DateTimeOffset now) => _db.Write((c, tx) =>
    {
        string at = FormatTime(now);
        c.Execute(
            "UPDATE jobs SET status = 'cancelled', finished_at = @at, cancel_requested_at = @at, error = 'cancelled on request' WHERE id = @id AND status = 'queued'",
            new { id, at }, tx);
        c.Execute(
            "UPDATE jobs SET cancel_requested_at = @at WHERE id = @id AND status = 'running' AND cancel_requested_at IS NULL",
            new { id, at }, tx);
        return c.QuerySingleOrDefault<JobRow>($"SELECT {JobColumns} FROM jobs WHERE id = @id", new { id }, tx)?.ToRecord();
    });

    private static long InsertResult(SqliteConnection connection, SqliteTransaction tx, long scenarioId, long? jobId, long? seed,
        string reportJson, string? geoJson, string now)
    {
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM scenarios WHERE id = @scenarioId", new { scenarioId }, tx) == 0)
        {
            throw new BadInputException($"No scenario with id {scenarioId}.");
        }

        return connection.ExecuteScalar<long>(
            "INSERT INTO results (scenario_id, job_id, created_at, seed, report_json, geojson) VALUES (@scenarioId, @jobId, @now, @seed, @reportJson, @geoJson) RETURNING id",
            new { scenarioId, jobId, now, seed, reportJson, geoJson }, tx);
    }

    private sealed class JobRow
    {
        public long Id { get; set; }

        public string Kind { get; set; } = "";

        public long? ScenarioId { get; set; }

        public string ParamsJson { get; set; } = "{}";

        public string Status { get; set; } = "";

        public string? ProgressJson { get; set; }

        public string? LeaseOwner { get; set; }

        public string? LeaseExpiresAt { get; set; }

        public string? HeartbeatAt { get; set; }

        public long Attempts { get; set; }

        public string CreatedAt { get; set; } = "";

        public string? StartedAt { get; set; }

        public string? FinishedAt { get; set; }

        public string? Error { get; set; }

        public long? ResultId { get; set; }

        public string? CancelRequestedAt { get; set; }

        public Job ToRecord() => new(Id, Kind, ScenarioId, ParamsJson,
            JobStatusText.TryParse(Status, out var s) ? s : throw new InvalidDataException($"Unexpected job status '{Status}'."),
            ProgressJson, LeaseOwner, ParseOptionalTime(LeaseExpiresAt), ParseOptionalTime(HeartbeatAt), (int)Attempts, ParseTime(CreatedAt),
            ParseOptionalTime(StartedAt), ParseOptionalTime(FinishedAt), Error, ResultId, ParseOptionalTime(CancelRequestedAt));
    }
}
