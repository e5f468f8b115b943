using System.Collections.Concurrent;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;

namespace HubPlanner.Data.Tests.Store;

/// <summary>
/// What every implementation of the storage interfaces must do, written against <see cref="IHubPlannerStore"/> only:
/// scenarios and validated edits (races included), the job queue (leases, heartbeats, completion in one
/// transaction, recovery, cancellation), results and tokens. A store for another database derives from this
/// class and supplies <see cref="CreateStore"/>: a store holding the <c>seven-nodes</c> fixture dataset
/// (Fixtures/seven-nodes/README.md: sites kyiv-depot, lviv-rail, rivne-city, vinnytsia-air).
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly JobOutcome Outcome = new("""{"ok":true}""", """{"type":"FeatureCollection","features":[]}""", 7);

    private IHubPlannerStore? _store;

    /// <summary>The store under test (created on first use).</summary>
    protected IHubPlannerStore Store => _store ??= CreateStore();

    /// <summary>A fresh store holding the seven-nodes fixture dataset and only the base scenario.</summary>
    protected abstract IHubPlannerStore CreateStore();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    private long BaseId => Store.GetScenario(PlanningStore.BaseScenarioName)!.Id;

    // ---- scenarios and edits ----

    [Fact]
    public void CreateScenario_BranchesFromBase_AndEditsGetConsecutiveSequenceNumbers()
    {
        var whatIf = Store.CreateScenario("no-lviv", paramsJson: """{"hubs":3}""");
        Store.ApplyEdits("no-lviv", [new SetSiteStatusEdit("lviv-rail", Core.Domain.SiteStatus.Forbidden)]);
        Store.ApplyEdits("no-lviv", [new SetInventoryEdit("sam-medium", 2, "krakovets")]);

        Assert.Equal(BaseId, whatIf.ParentId);
        Assert.Equal("""{"hubs":3}""", Store.GetScenario("no-lviv")!.ParamsJson);
        Assert.Equal([(1, "set_site_status"), (2, "set_inventory")], Store.ListEdits(whatIf.Id).Select(e => (e.Seq, e.Kind)));
        Assert.Equal(["base", "no-lviv"], Store.ListScenarios().Select(s => s.Name));
    }

    [Fact]
    public void CreateScenario_RejectsADuplicateNameAndAnUnknownParent()
    {
        Store.CreateScenario("a");

        Assert.Contains("already exists", Assert.Throws<BadInputException>(() => Store.CreateScenario("a")).Message, StringComparison.Ordinal);
        Assert.Contains("No scenario named 'zz'", Assert.Throws<BadInputException>(() => Store.CreateScenario("b", "zz")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateScenario_RefusesAParameterThatIsNotValid_AndStoresNothing()
    {
        Assert.Throws<PlanningInputException>(() => Store.CreateScenario("bad", paramsJson: """{"model":"no-such-model"}"""));

        Assert.Null(Store.GetScenario("bad"));
    }

    [Fact]
    public void CreateScenario_RacingOnOneName_CreatesItOnce()
    {
        var outcomes = new ConcurrentBag<bool>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            try
            {
                Store.CreateScenario("same");
                outcomes.Add(true);
            }
            catch (BadInputException)
            {
                outcomes.Add(false);
            }
        });

        Assert.Equal(1, outcomes.Count(created => created));
        Assert.Single(Store.ListScenarios(), s => s.Name == "same");
    }

    [Fact]
    public void ApplyEdits_RefusesTheBaseScenario()
    {
        Assert.Throws<BadInputException>(() => Store.ApplyEdits("base", [new RemoveSiteEdit("rivne-city")]));
        Assert.Empty(Store.ListEdits(BaseId));
    }

    [Fact]
    public void ApplyEdits_RefusesAnEditThatDoesNotApply_AndWritesNoneOfTheBatch()
    {
        var s = Store.CreateScenario("w");

        var e = Assert.Throws<PlanningInputException>(() =>
            Store.ApplyEdits("w", [new RemoveSiteEdit("rivne-city"), new RemoveSiteEdit("atlantis")]));

        Assert.Contains("atlantis", e.Message, StringComparison.Ordinal);
        Assert.Empty(Store.ListEdits(s.Id));
    }

    [Fact]
    public void ApplyEdits_TwentyConcurrentIdenticalRemoveSite_StoresExactlyOne()
    {
        var s = Store.CreateScenario("race");
        using var start = new Barrier(20);
        var stored = 0;
        var refused = 0;
        var threads = Enumerable.Range(0, 20).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                Store.ApplyEdits("race", [new RemoveSiteEdit("rivne-city")]);
                Interlocked.Increment(ref stored);
            }
            catch (PlanningInputException)
            {
                Interlocked.Increment(ref refused); // the site is already gone in what the winner committed
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal((1, 19), (stored, refused));
        Assert.Single(Store.ListEdits(s.Id));
        Assert.Equal(3, Store.LoadProblem("race").Sites.Count); // still plannable: 4 sites less rivne-city
    }

    [Fact]
    public void LoadProblem_OfAWhatIf_AppliesItsEditsAndLeavesTheParentAlone()
    {
        Store.CreateScenario("no-rivne");
        Store.ApplyEdits("no-rivne", [new RemoveSiteEdit("rivne-city")]);

        Assert.DoesNotContain(Store.LoadProblem("no-rivne").Sites, x => x.Id == "rivne-city");
        Assert.Contains(Store.LoadProblem("base").Sites, x => x.Id == "rivne-city");
    }

    // ---- results ----

    [Fact]
    public void SaveResult_IsReadBack_AndTheNewestIsTheLatest()
    {
        long first = Store.SaveResult(BaseId, 1, """{"n":1}""");
        long second = Store.SaveResult(BaseId, null, """{"n":2}""");

        var r = Store.GetResult(first)!;
        Assert.Equal((BaseId, (long?)null, (long?)1, """{"n":1}""", false), (r.ScenarioId, r.JobId, r.Seed, r.ReportJson, r.HasGeoJson));
        Assert.Equal(second, Store.LatestResult(BaseId)!.Id);
        Assert.Null(Store.GetResult(second + 100));
    }

    [Fact]
    public void SaveResult_RejectsAnUnknownScenario()
    {
        Assert.Throws<BadInputException>(() => Store.SaveResult(999, null, "{}"));
    }

    // ---- jobs ----

    [Fact]
    public void Submit_RejectsAnUnknownScenario()
    {
        Assert.Throws<BadInputException>(() => Store.Submit("plan", 999, "{}", T0));
        Assert.Empty(Store.ListJobs(null, 10));
    }

    [Fact]
    public void Claim_TakesTheOldestQueuedJobAndLeasesItToTheClaimer()
    {
        var first = Store.Submit("wait", BaseId, "{}", T0);
        Store.Submit("wait", BaseId, "{}", T0);

        var job = Store.TryClaim("w1", T0, Lease);

        Assert.NotNull(job);
        Assert.Equal(first, job.Id);
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Equal("w1", job.LeaseOwner);
        Assert.Equal(1, job.Attempts);
        Assert.Equal(T0 + Lease, job.LeaseExpiresAt);
        Assert.Equal("2026-11-26T10:00:30.000Z", PlanningStore.FormatTime(job.LeaseExpiresAt));
    }

    [Fact]
    public void Claim_ReturnsNullWhenNothingIsQueued()
    {
        Assert.Null(Store.TryClaim("w1", T0, Lease));
    }

    [Fact]
    public void Claim_WorkersRacingOnManyThreads_TakeEveryJobExactlyOnce()
    {
        const int jobs = 40;
        for (var i = 0; i < jobs; i++)
        {
            Store.Submit("wait", BaseId, "{}", T0);
        }

        var claimed = new ConcurrentBag<long>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, w =>
        {
            while (Store.TryClaim($"w{w}", T0, Lease) is { } job)
            {
                claimed.Add(job.Id);
            }
        });

        Assert.Equal(jobs, claimed.Count);
        Assert.Equal(jobs, claimed.Distinct().Count());
    }

    [Fact]
    public void Complete_WritesOneResultAndTheSucceededStatusTogether_KeepingTheLastProgress()
    {
        var id = Store.Submit("wait", BaseId, """{"hubs":3}""", T0);
        Store.TryClaim("w1", T0, Lease);
        Assert.Equal(LeaseState.Held, Store.Heartbeat(id, "w1", T0.AddSeconds(1), Lease, """{"stage":"routing","fraction":0.5}"""));

        Assert.Equal(CompletionState.Succeeded, Store.Complete(id, "w1", T0.AddSeconds(5), Outcome));

        var job = Store.GetJob(id)!;
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Null(job.LeaseOwner);
        Assert.Equal(T0.AddSeconds(5), job.FinishedAt);
        Assert.Equal("""{"stage":"routing","fraction":0.5}""", job.ProgressJson);
        var result = Store.GetResult(job.ResultId!.Value)!;
        Assert.Equal((id, (long?)7, """{"ok":true}""", true), (result.JobId, result.Seed, result.ReportJson, result.HasGeoJson));
        Assert.Equal("""{"type":"FeatureCollection","features":[]}""", Store.GetResultGeoJson(result.Id));
        Assert.Equal(result, Store.LatestResult(BaseId));
        Assert.Equal(1, Store.CountResultsOfJob(id));
    }

    [Fact]
    public void Complete_ByAZombieWhoseExpiredJobWasReclaimed_WritesNothing()
    {
        var id = Store.Submit("wait", BaseId, "{}", T0);
        Store.TryClaim("zombie", T0, Lease);
        // The zombie stops heartbeating; 31 s later its lease has expired and recovery re-queues the job.
        Assert.Equal(1, Store.RecoverExpired(T0.AddSeconds(31), maxAttempts: 3));
        var again = Store.TryClaim("w2", T0.AddSeconds(32), Lease)!;
        Assert.Equal(2, again.Attempts);

        Assert.Equal(CompletionState.LeaseLost, Store.Complete(id, "zombie", T0.AddSeconds(40), Outcome));
        Assert.Equal(LeaseState.Lost, Store.Heartbeat(id, "zombie", T0.AddSeconds(40), Lease, null));
        Assert.False(Store.Finish(id, "zombie", T0.AddSeconds(40), JobStatus.Failed, "late"));
        Assert.Equal(CompletionState.Succeeded, Store.Complete(id, "w2", T0.AddSeconds(41), Outcome));

        Assert.Equal(1, Store.CountResultsOfJob(id));
        Assert.Equal(JobStatus.Succeeded, Store.GetJob(id)!.Status);
    }

    [Fact]
    public void RecoverExpired_LeavesJobsWithALiveLeaseAlone()
    {
        var id = Store.Submit("wait", BaseId, "{}", T0);
        Store.TryClaim("w1", T0, Lease);
        Store.Heartbeat(id, "w1", T0.AddSeconds(20), Lease, null); // lease now ends at T0 + 50 s

        Assert.Equal(0, Store.RecoverExpired(T0.AddSeconds(45), maxAttempts: 3));
        Assert.Equal(JobStatus.Running, Store.GetJob(id)!.Status);
        Assert.Equal(1, Store.RecoverExpired(T0.AddSeconds(51), maxAttempts: 3));
        Assert.Equal(JobStatus.Queued, Store.GetJob(id)!.Status);
    }

    [Fact]
    public void RecoverExpired_FailsAJobWhoseWorkerWasLostMaxAttemptsTimes()
    {
        var id = Store.Submit("wait", BaseId, "{}", T0);
        var t = T0;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Store.TryClaim($"w{attempt}", t, Lease);
            t = t.AddSeconds(31);
            Store.RecoverExpired(t, maxAttempts: 2);
        }

        var job = Store.GetJob(id)!;
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("lost 2 times", job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestCancel_OfAQueuedJob_CancelsItAtOnce()
    {
        var id = Store.Submit("wait", BaseId, "{}", T0);

        var job = Store.RequestCancel(id, T0)!;

        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.Null(Store.TryClaim("w1", T0, Lease));
        Assert.Null(Store.RequestCancel(id + 100, T0));
    }

    [Fact]
    public void RequestCancel_OfARunningJob_IsSeenByTheHeartbeat_AndCompletionThenWritesNoResult()
    {
        var id = Store.Submit("wait", BaseId, "{}", T0);
        Store.TryClaim("w1", T0, Lease);
        Assert.Equal(LeaseState.Held, Store.Heartbeat(id, "w1", T0.AddSeconds(1), Lease, """{"stage":"wait","fraction":0.5}"""));

        Assert.Equal(JobStatus.Running, Store.RequestCancel(id, T0.AddSeconds(2))!.Status);
        Assert.Equal(LeaseState.CancelRequested, Store.Heartbeat(id, "w1", T0.AddSeconds(3), Lease, null));
        // The handler finished before it noticed: the cancel still wins and no result is stored.
        Assert.Equal(CompletionState.Cancelled, Store.Complete(id, "w1", T0.AddSeconds(4), Outcome));

        var job = Store.GetJob(id)!;
        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.Null(job.ResultId);
        Assert.Equal(0, Store.CountResultsOfJob(id));
        Assert.Equal("""{"stage":"wait","fraction":0.5}""", job.ProgressJson);
    }

    [Fact]
    public void RequestCancel_OfAFinishedJob_ChangesNothing()
    {
        var id = Store.Submit("wait", BaseId, "{}", T0);
        Store.TryClaim("w1", T0, Lease);
        Store.Complete(id, "w1", T0, Outcome);

        var job = Store.RequestCancel(id, T0.AddSeconds(1))!;

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Null(job.CancelRequestedAt);
    }

    [Fact]
    public void Finish_RecordsTheFailure_AndListJobsFiltersByStatus()
    {
        var queued = Store.Submit("plan", BaseId, "{}", T0);
        var failed = Store.Submit("plan", BaseId, "{}", T0);
        Store.RequestCancel(queued, T0);
        Store.TryClaim("w", T0, Lease);

        Assert.True(Store.Finish(failed, "w", T0.AddSeconds(1), JobStatus.Failed, "solver found no feasible plan"));

        Assert.Equal("solver found no feasible plan", Store.GetJob(failed)!.Error);
        Assert.Equal([failed], Store.ListJobs(JobStatus.Failed, 10).Select(j => j.Id));
        Assert.Equal([failed, queued], Store.ListJobs(null, 10).Select(j => j.Id));
        Assert.Throws<ArgumentException>(() => Store.Finish(failed, "w", T0, JobStatus.Succeeded, null));
    }

    [Fact]
    public void Release_PutsTheJobBackWithoutCountingTheAttempt()
    {
        var id = Store.Submit("wait", BaseId, "{}", T0);
        Store.TryClaim("w1", T0, Lease);

        Assert.True(Store.Release(id, "w1"));

        var job = Store.GetJob(id)!;
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.LeaseOwner);
    }

    // ---- tokens ----

    [Fact]
    public void Tokens_VerifyAcceptsTheTokenAndRejectsAnyOtherString()
    {
        var token = Store.CreateToken("alice", T0)!;
        Store.CreateToken("bob", T0);

        Assert.StartsWith("hp_", token, StringComparison.Ordinal);
        Assert.Equal(46, token.Length); // "hp_" + 43 base64url characters for 32 bytes
        Assert.Equal("alice", Store.VerifyToken(token));
        Assert.Null(Store.VerifyToken(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(Store.VerifyToken(""));
    }

    [Fact]
    public void Tokens_RevokeMakesTheTokenInvalid_AndTheNameCannotBeTakenAgain()
    {
        var token = Store.CreateToken("ci", T0)!;

        Assert.True(Store.RevokeToken("ci", T0));
        Assert.Null(Store.VerifyToken(token));
        Assert.False(Store.RevokeToken("ci", T0));
        Assert.Null(Store.CreateToken("ci", T0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public void Tokens_CreateRejectsAnInvalidName(string name)
    {
        Assert.Throws<ArgumentException>(() => Store.CreateToken(name, T0));
    }
}
