using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Store;

public sealed class ScenarioAndJobTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly PlanningStore _store;

    public ScenarioAndJobTests()
    {
        _store = PlanningStore.Open(_dir.File("p.gpkg"), _clock);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CreateScenario_BranchesFromBase_AndEditsGetConsecutiveSequenceNumbers()
    {
        var whatIf = _store.CreateScenario("no-lviv", paramsJson: """{"hubs":4}""");
        _store.AddEdit(whatIf.Id, "site.status", """{"id":"lviv-rail","status":"forbidden"}""");
        _store.AddEdit(whatIf.Id, "inventory.set", """{"holder":"krakovets","type":"sam-medium","quantity":2}""");

        Assert.Equal(_store.GetScenario("base")!.Id, whatIf.ParentId);
        Assert.Equal("""{"hubs":4}""", _store.GetScenario("no-lviv")!.ParamsJson);
        Assert.Equal([(1, "site.status"), (2, "inventory.set")], _store.ListEdits(whatIf.Id).Select(e => (e.Seq, e.Kind)));
    }

    [Fact]
    public void CreateScenario_RejectsADuplicateNameAndAnUnknownParent()
    {
        _store.CreateScenario("a");

        Assert.Contains("already exists", Assert.Throws<BadInputException>(() => _store.CreateScenario("a")).Message, StringComparison.Ordinal);
        Assert.Contains("No scenario named 'zz'", Assert.Throws<BadInputException>(() => _store.CreateScenario("b", "zz")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEdit_RefusesTheBaseScenario()
    {
        long baseId = _store.GetScenario("base")!.Id;
        Assert.Throws<BadInputException>(() => _store.AddEdit(baseId, "site.status", "{}"));
    }

    [Fact]
    public void Jobs_AreClaimedOldestFirst_OncePerJob()
    {
        long scenario = _store.GetScenario("base")!.Id;
        var first = _store.EnqueueJob("plan", scenario);
        var second = _store.EnqueueJob("plan", scenario);

        var a = _store.TryClaimJob("worker-a", Lease);
        var b = _store.TryClaimJob("worker-b", Lease);
        var c = _store.TryClaimJob("worker-c", Lease);

        Assert.Equal((first.Id, "worker-a", JobStatus.Running, 1), (a!.Id, a.LeaseOwner, a.Status, a.Attempts));
        Assert.Equal(second.Id, b!.Id);
        Assert.Null(c);
        Assert.Equal(_clock.Now + Lease, a.LeaseExpiresAt);
    }

    [Fact]
    public void CompleteJob_StoresTheResultAndLinksIt_InOneStep()
    {
        long scenario = _store.GetScenario("base")!.Id;
        var job = _store.EnqueueJob("plan", scenario, """{"hubs":3}""");
        _store.TryClaimJob("w", Lease);
        Assert.True(_store.Heartbeat(job.Id, "w", Lease, """{"stage":"routing","fraction":0.5}"""));

        long? resultId = _store.CompleteJob(job.Id, "w", seed: 7, reportJson: """{"objective":123}""");

        var done = _store.GetJob(job.Id)!;
        Assert.Equal((JobStatus.Succeeded, resultId), (done.Status, done.ResultId));
        Assert.Equal("""{"stage":"routing","fraction":0.5}""", done.ProgressJson);
        var result = _store.GetResult(resultId!.Value)!;
        Assert.Equal((scenario, (long?)job.Id, (long?)7, """{"objective":123}"""), (result.ScenarioId, result.JobId, result.Seed, result.ReportJson));
        Assert.Equal(result, _store.LatestResult(scenario));
    }

    [Fact]
    public void ExpiredLease_IsRequeued_AndTheStaleWorkerCanNoLongerComplete()
    {
        long scenario = _store.GetScenario("base")!.Id;
        var job = _store.EnqueueJob("plan", scenario);
        _store.TryClaimJob("crashed", Lease);

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, _store.RequeueExpiredLeases()); // lease still valid
        _clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(1, _store.RequeueExpiredLeases());

        Assert.Equal(JobStatus.Queued, _store.GetJob(job.Id)!.Status);
        var retried = _store.TryClaimJob("healthy", Lease)!;
        Assert.Equal(2, retried.Attempts);
        Assert.Null(_store.CompleteJob(job.Id, "crashed", 1, "{}"));
        Assert.False(_store.Heartbeat(job.Id, "crashed", Lease));
        Assert.NotNull(_store.CompleteJob(job.Id, "healthy", 1, "{}"));
    }

    [Fact]
    public void ExpiredLease_AfterTheLastAttempt_FailsTheJobWithAReason()
    {
        long scenario = _store.GetScenario("base")!.Id;
        var job = _store.EnqueueJob("plan", scenario);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            _store.TryClaimJob("w", Lease);
            _clock.Advance(Lease + TimeSpan.FromSeconds(1));
            _store.RequeueExpiredLeases(maxAttempts: 2);
        }

        var failed = _store.GetJob(job.Id)!;
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Equal("lease expired after 2 attempts; the worker stopped responding", failed.Error);
    }

    [Fact]
    public void CancelJob_StopsAQueuedJob_ButNotAFinishedOne()
    {
        long scenario = _store.GetScenario("base")!.Id;
        var queued = _store.EnqueueJob("plan", scenario);
        var failed = _store.EnqueueJob("plan", scenario);
        _store.CancelJob(queued.Id);
        _store.TryClaimJob("w", Lease);
        _store.FailJob(failed.Id, "w", "solver found no feasible plan");

        Assert.Equal(JobStatus.Cancelled, _store.GetJob(queued.Id)!.Status);
        Assert.False(_store.CancelJob(failed.Id));
        Assert.Equal([failed.Id], _store.ListJobs(JobStatus.Failed).Select(j => j.Id));
    }

    [Fact]
    public void EnqueueJob_RejectsAnUnknownScenario()
    {
        Assert.Throws<BadInputException>(() => _store.EnqueueJob("plan", 999));
    }
}
