using System.Collections.Concurrent;
using Dapper;
using HubPlanner.Service.Jobs;

namespace HubPlanner.Service.Tests.Jobs;

public sealed class SqliteJobQueueTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly JobOutcome Outcome = new("""{"ok":true}""", """{"type":"FeatureCollection","features":[]}""", 7);

    private readonly TempDatabase _db = new();
    private readonly SqliteJobQueue _queue;

    public SqliteJobQueueTests() => _queue = new SqliteJobQueue(_db.Database);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Claim_TakesTheOldestQueuedJobAndLeasesItToTheClaimer()
    {
        var first = _queue.Submit("wait", 1, "{}", T0);
        _queue.Submit("wait", 1, "{}", T0);

        var job = _queue.TryClaim("w1", T0, Lease);

        Assert.NotNull(job);
        Assert.Equal(first, job.Id);
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Equal("w1", job.LeaseOwner);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("2026-11-26T10:00:30.000Z", job.LeaseExpiresAt); // T0 + 30 s
    }

    [Fact]
    public void Claim_ReturnsNullWhenNothingIsQueued()
    {
        Assert.Null(_queue.TryClaim("w1", T0, Lease));
    }

    [Fact]
    public void Claim_WorkersRacingOnManyThreads_TakeEveryJobExactlyOnce()
    {
        const int jobs = 40;
        for (var i = 0; i < jobs; i++)
        {
            _queue.Submit("wait", 1, "{}", T0);
        }

        var claimed = new ConcurrentBag<long>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, w =>
        {
            while (_queue.TryClaim($"w{w}", T0, Lease) is { } job)
            {
                claimed.Add(job.Id);
            }
        });

        Assert.Equal(jobs, claimed.Count);
        Assert.Equal(jobs, claimed.Distinct().Count());
    }

    [Fact]
    public void Complete_WritesOneResultAndTheSucceededStatusTogether()
    {
        var id = _queue.Submit("wait", 1, "{}", T0);
        _queue.TryClaim("w1", T0, Lease);

        Assert.Equal(CompletionState.Succeeded, _queue.Complete(id, "w1", T0.AddSeconds(5), Outcome));

        var job = _queue.Get(id)!;
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Null(job.LeaseOwner);
        var result = _queue.GetResult(job.ResultId!.Value)!;
        Assert.Equal(id, result.JobId);
        Assert.Equal(7, result.Seed);
        Assert.True(result.HasGeoJson);
        Assert.Equal(1, _queue.CountResultsOfJob(id));
    }

    [Fact]
    public void Complete_ByAZombieWhoseExpiredJobWasReclaimed_WritesNothing()
    {
        var id = _queue.Submit("wait", 1, "{}", T0);
        _queue.TryClaim("zombie", T0, Lease);
        // The zombie stops heartbeating; 31 s later its lease has expired and recovery re-queues the job.
        Assert.Equal(1, _queue.RecoverExpired(T0.AddSeconds(31), maxAttempts: 3));
        var again = _queue.TryClaim("w2", T0.AddSeconds(32), Lease)!;
        Assert.Equal(2, again.Attempts);

        Assert.Equal(CompletionState.LeaseLost, _queue.Complete(id, "zombie", T0.AddSeconds(40), Outcome));
        Assert.Equal(LeaseState.Lost, _queue.Heartbeat(id, "zombie", T0.AddSeconds(40), Lease, null));
        Assert.False(_queue.Finish(id, "zombie", T0.AddSeconds(40), JobStatus.Failed, "late"));
        Assert.Equal(CompletionState.Succeeded, _queue.Complete(id, "w2", T0.AddSeconds(41), Outcome));

        Assert.Equal(1, _queue.CountResultsOfJob(id));
        Assert.Equal(JobStatus.Succeeded, _queue.Get(id)!.Status);
    }

    [Fact]
    public void RecoverExpired_LeavesJobsWithALiveLeaseAlone()
    {
        var id = _queue.Submit("wait", 1, "{}", T0);
        _queue.TryClaim("w1", T0, Lease);
        _queue.Heartbeat(id, "w1", T0.AddSeconds(20), Lease, null); // lease now ends at T0 + 50 s

        Assert.Equal(0, _queue.RecoverExpired(T0.AddSeconds(45), maxAttempts: 3));
        Assert.Equal(JobStatus.Running, _queue.Get(id)!.Status);
        Assert.Equal(1, _queue.RecoverExpired(T0.AddSeconds(51), maxAttempts: 3));
        Assert.Equal(JobStatus.Queued, _queue.Get(id)!.Status);
    }

    [Fact]
    public void RecoverExpired_FailsAJobWhoseWorkerWasLostMaxAttemptsTimes()
    {
        var id = _queue.Submit("wait", 1, "{}", T0);
        var t = T0;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            _queue.TryClaim($"w{attempt}", t, Lease);
            t = t.AddSeconds(31);
            _queue.RecoverExpired(t, maxAttempts: 2);
        }

        var job = _queue.Get(id)!;
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("lost 2 times", job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestCancel_OfAQueuedJob_CancelsItAtOnce()
    {
        var id = _queue.Submit("wait", 1, "{}", T0);

        var job = _queue.RequestCancel(id, T0)!;

        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.Null(_queue.TryClaim("w1", T0, Lease));
    }

    [Fact]
    public void RequestCancel_OfARunningJob_IsSeenByTheHeartbeat_AndCompletionThenWritesNoResult()
    {
        var id = _queue.Submit("wait", 1, "{}", T0);
        _queue.TryClaim("w1", T0, Lease);
        Assert.Equal(LeaseState.Held, _queue.Heartbeat(id, "w1", T0.AddSeconds(1), Lease, """{"stage":"wait","fraction":0.5}"""));

        Assert.Equal(JobStatus.Running, _queue.RequestCancel(id, T0.AddSeconds(2))!.Status);
        Assert.Equal(LeaseState.CancelRequested, _queue.Heartbeat(id, "w1", T0.AddSeconds(3), Lease, null));
        // The handler finished before it noticed: the cancel still wins and no result is stored.
        Assert.Equal(CompletionState.Cancelled, _queue.Complete(id, "w1", T0.AddSeconds(4), Outcome));

        var job = _queue.Get(id)!;
        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.Null(job.ResultId);
        Assert.Equal(0, _queue.CountResultsOfJob(id));
        Assert.Equal("""{"stage":"wait","fraction":0.5}""", job.ProgressJson);
    }

    [Fact]
    public void RequestCancel_OfAFinishedJob_ChangesNothing()
    {
        var id = _queue.Submit("wait", 1, "{}", T0);
        _queue.TryClaim("w1", T0, Lease);
        _queue.Complete(id, "w1", T0, Outcome);

        var job = _queue.RequestCancel(id, T0.AddSeconds(1))!;

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Null(job.CancelRequestedAt);
    }

    [Fact]
    public void Release_PutsTheJobBackWithoutCountingTheAttempt()
    {
        var id = _queue.Submit("wait", 1, "{}", T0);
        _queue.TryClaim("w1", T0, Lease);

        Assert.True(_queue.Release(id, "w1"));

        var job = _queue.Get(id)!;
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.LeaseOwner);
    }

    [Fact]
    public void ResultsTable_RefusesASecondResultForOneJob()
    {
        var id = _queue.Submit("wait", 1, "{}", T0);
        _queue.TryClaim("w1", T0, Lease);
        _queue.Complete(id, "w1", T0, Outcome);

        using var c = _db.Database.Open();
        var ex = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() =>
            c.Execute("INSERT INTO results (scenario_id, job_id, created_at, report_json) VALUES (1, @id, 'x', '{}')", new { id }));
        Assert.Contains("UNIQUE", ex.Message, StringComparison.Ordinal);
    }
}
