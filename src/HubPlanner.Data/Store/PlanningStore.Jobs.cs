using Dapper;
using HubPlanner.Data.Input;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Store;

public sealed partial class PlanningStore
{
    private const string JobColumns =
        "id AS Id, kind AS Kind, scenario_id AS ScenarioId, params_json AS ParamsJson, status AS Status, progress_json AS ProgressJson, " +
        "lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt, heartbeat_at AS HeartbeatAt, attempts AS Attempts, " +
        "created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, error AS Error, result_id AS ResultId";

    /// <summary>Queues a job.</summary>
    /// <exception cref="BadInputException">The scenario does not exist.</exception>
    public Job EnqueueJob(string kind, long? scenarioId, string paramsJson = "{}")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        using var connection = Connect();
        if (scenarioId is { } sid && connection.ExecuteScalar<long>("SELECT COUNT(*) FROM scenarios WHERE id = @sid", new { sid }) == 0)
        {
            throw new BadInputException($"No scenario with id {sid}.");
        }

        long id = connection.ExecuteScalar<long>(
            "INSERT INTO jobs (kind, scenario_id, params_json, status, created_at) VALUES (@kind, @scenarioId, @paramsJson, 'queued', @now) RETURNING id",
            new { kind, scenarioId, paramsJson, now = Now() });
        return GetJob(id)!;
    }

    /// <summary>The job with that id, or null.</summary>
    public Job? GetJob(long id)
    {
        using var connection = Connect();
        return connection.QuerySingleOrDefault<JobRow>($"SELECT {JobColumns} FROM jobs WHERE id = @id", new { id })?.ToRecord();
    }

    /// <summary>Jobs, newest first, optionally of one status.</summary>
    public IReadOnlyList<Job> ListJobs(JobStatus? status = null, int limit = 100)
    {
        using var connection = Connect();
        string where = status is null ? "" : "WHERE status = @status";
        return connection.Query<JobRow>($"SELECT {JobColumns} FROM jobs {where} ORDER BY id DESC LIMIT @limit",
                new { status = status is { } s ? StatusText(s) : null, limit })
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// Atomically claims the oldest queued job for <paramref name="owner"/> under a lease of <paramref name="lease"/>;
    /// null if none is queued. The worker must heartbeat before the lease expires.
    /// </summary>
    public Job? TryClaimJob(string owner, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        var now = _clock.GetUtcNow();
        using var connection = Connect();
        long? id = connection.ExecuteScalar<long?>(
            "UPDATE jobs SET status = 'running', lease_owner = @owner, lease_expires_at = @expires, heartbeat_at = @now, " +
            "started_at = COALESCE(started_at, @now), attempts = attempts + 1, progress_json = NULL " +
            "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1) RETURNING id",
            new { owner, expires = FormatTime(now + lease), now = FormatTime(now) });
        return id is null ? null : GetJob(id.Value);
    }

    /// <summary>Extends the lease and records progress; false if the job is no longer this owner's running job.</summary>
    public bool Heartbeat(long jobId, string owner, TimeSpan lease, string? progressJson = null)
    {
        var now = _clock.GetUtcNow();
        using var connection = Connect();
        return connection.Execute(
            "UPDATE jobs SET lease_expires_at = @expires, heartbeat_at = @now, progress_json = COALESCE(@progressJson, progress_json) " +
            "WHERE id = @jobId AND status = 'running' AND lease_owner = @owner",
            new { jobId, owner, progressJson, expires = FormatTime(now + lease), now = FormatTime(now) }) == 1;
    }

    /// <summary>
    /// Stores the result and marks the job succeeded, in one transaction. Returns the result id, or null if
    /// the job is no longer this owner's running job (its lease expired and it was re-queued): then nothing is written.
    /// </summary>
    public long? CompleteJob(long jobId, string owner, long? seed, string reportJson)
    {
        ArgumentNullException.ThrowIfNull(reportJson);
        using var connection = Connect();
        using var tx = connection.BeginTransaction(deferred: false);
        var owned = connection.Query<(long Id, long? ScenarioId)>(
            "SELECT id, scenario_id FROM jobs WHERE id = @jobId AND status = 'running' AND lease_owner = @owner", new { jobId, owner }, tx)
            .ToList();
        if (owned.Count == 0)
        {
            return null;
        }

        long scenarioId = owned[0].ScenarioId
            ?? throw new InvalidOperationException($"Job {jobId} has no scenario; a result needs one.");

        string now = Now();
        long resultId = InsertResult(connection, tx, scenarioId, jobId, seed, reportJson, now);
        connection.Execute(
            "UPDATE jobs SET status = 'succeeded', finished_at = @now, result_id = @resultId, lease_owner = NULL, lease_expires_at = NULL " +
            "WHERE id = @jobId", new { jobId, now, resultId }, tx);
        tx.Commit();
        return resultId;
    }

    /// <summary>Marks this owner's running job failed with a message; false if it is not this owner's running job.</summary>
    public bool FailJob(long jobId, string owner, string error)
    {
        using var connection = Connect();
        return connection.Execute(
            "UPDATE jobs SET status = 'failed', finished_at = @now, error = @error, lease_owner = NULL, lease_expires_at = NULL " +
            "WHERE id = @jobId AND status = 'running' AND lease_owner = @owner",
            new { jobId, owner, error, now = Now() }) == 1;
    }

    /// <summary>Cancels a queued or running job; false if it had already finished.</summary>
    public bool CancelJob(long jobId)
    {
        using var connection = Connect();
        return connection.Execute(
            "UPDATE jobs SET status = 'cancelled', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL " +
            "WHERE id = @jobId AND status IN ('queued', 'running')", new { jobId, now = Now() }) == 1;
    }

    /// <summary>
    /// Crash recovery: running jobs whose lease expired go back to the queue, or fail once they have used
    /// <paramref name="maxAttempts"/> attempts. Returns how many jobs were touched.
    /// </summary>
    public int RequeueExpiredLeases(int maxAttempts = 3)
    {
        using var connection = Connect();
        using var tx = connection.BeginTransaction(deferred: false);
        string now = Now();
        int failed = connection.Execute(
            "UPDATE jobs SET status = 'failed', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, " +
            "error = 'lease expired after ' || attempts || ' attempts; the worker stopped responding' " +
            "WHERE status = 'running' AND lease_expires_at < @now AND attempts >= @maxAttempts", new { now, maxAttempts }, tx);
        int requeued = connection.Execute(
            "UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL " +
            "WHERE status = 'running' AND lease_expires_at < @now", new { now }, tx);
        tx.Commit();
        return failed + requeued;
    }

    /// <summary>Stores a result not tied to a job (e.g. a plan run from the command line); returns its id.</summary>
    public long SaveResult(long scenarioId, long? seed, string reportJson)
    {
        ArgumentNullException.ThrowIfNull(reportJson);
        using var connection = Connect();
        using var tx = connection.BeginTransaction();
        long id = InsertResult(connection, tx, scenarioId, null, seed, reportJson, Now());
        tx.Commit();
        return id;
    }

    /// <summary>The result with that id, or null.</summary>
    public StoredResult? GetResult(long id)
    {
        using var connection = Connect();
        return connection.Query<(long Id, long ScenarioId, long? JobId, string CreatedAt, long? Seed, string ReportJson)>(
                "SELECT id, scenario_id, job_id, created_at, seed, report_json FROM results WHERE id = @id", new { id })
            .Select(r => new StoredResult(r.Id, r.ScenarioId, r.JobId, ParseTime(r.CreatedAt), r.Seed, r.ReportJson))
            .SingleOrDefault();
    }

    /// <summary>The newest result of a scenario, or null.</summary>
    public StoredResult? LatestResult(long scenarioId)
    {
        using var connection = Connect();
        long? id = connection.ExecuteScalar<long?>("SELECT MAX(id) FROM results WHERE scenario_id = @scenarioId", new { scenarioId });
        return id is null ? null : GetResult(id.Value);
    }

    private static long InsertResult(SqliteConnection connection, SqliteTransaction tx, long scenarioId, long? jobId, long? seed,
        string reportJson, string now)
    {
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM scenarios WHERE id = @scenarioId", new { scenarioId }, tx) == 0)
        {
            throw new BadInputException($"No scenario with id {scenarioId}.");
        }

        return connection.ExecuteScalar<long>(
            "INSERT INTO results (scenario_id, job_id, created_at, seed, report_json) VALUES (@scenarioId, @jobId, @now, @seed, @reportJson) RETURNING id",
            new { scenarioId, jobId, now, seed, reportJson }, tx);
    }

    private static string StatusText(JobStatus status) => FieldRules.Snake(status);

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

        public Job ToRecord() => new(Id, Kind, ScenarioId, ParamsJson,
            FieldRules.TryEnum(Status, out JobStatus s) ? s : throw new InvalidDataException($"Unexpected job status '{Status}'."),
            ProgressJson, LeaseOwner, ParseOptionalTime(LeaseExpiresAt), ParseOptionalTime(HeartbeatAt), (int)Attempts, ParseTime(CreatedAt),
            ParseOptionalTime(StartedAt), ParseOptionalTime(FinishedAt), Error, ResultId);
    }
}
