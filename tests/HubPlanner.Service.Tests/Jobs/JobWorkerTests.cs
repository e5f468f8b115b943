using System.Text.Json;
using HubPlanner.Service.Jobs;
using HubPlanner.Service.Tests.Api;
using Microsoft.Extensions.Options;

namespace HubPlanner.Service.Tests.Jobs;

public sealed class JobWorkerTests
{
    [Fact]
    public async Task GracefulShutdown_HandsTheRunningJobBackToTheQueue_WithoutCountingTheAttempt()
    {
        var s = await ServiceUnderTest.StartAsync();
        long id;
        Job row;
        try
        {
            id = (await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = 600, step_ms = 50 } })).Body.GetProperty("id").GetInt64();
            await s.PollJobAsync(id, j => j.GetProperty("status").GetString() == JobStatus.Running.ToText());
            await s.StopAppAsync();
            row = s.Db.Store.GetJob(id)!;
        }
        finally
        {
            await s.DisposeAsync();
        }

        Assert.Equal(JobStatus.Queued, row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.LeaseOwner);
    }

    [Fact]
    public async Task AWorkerThatLosesItsLease_StopsTheJobAndWritesNothing()
    {
        await using var s = await ServiceUnderTest.StartAsync();
        var id = (await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = 30, step_ms = 100 } })).Body.GetProperty("id").GetInt64();
        await s.PollJobAsync(id, j => j.GetProperty("progress").ValueKind == JsonValueKind.Object);

        // Another process recovered the job while this worker looked dead, and owns it now.
        using (var c = s.Db.Open())
        {
            Dapper.SqlMapper.Execute(c, "UPDATE jobs SET lease_owner = 'other-process', lease_expires_at = '2999-01-01T00:00:00.000Z' WHERE id = @id", new { id });
        }

        // Long enough for the 30-step job to have finished had it not noticed (heartbeat ticks every 0.5 s).
        await Task.Delay(4000);

        var row = s.Db.Store.GetJob(id)!;
        Assert.Equal(JobStatus.Running, row.Status);
        Assert.Equal("other-process", row.LeaseOwner);
        Assert.Equal(0, s.Db.Store.CountResultsOfJob(id));
    }

    [Fact]
    public async Task Start_FailsWithTheFieldNamed_WhenTheHeartbeatIsTooSlowForTheLease()
    {
        using var db = new TempDatabase();
        await using var app = ServiceApp.Build(["--urls=http://127.0.0.1:0", $"--HubPlanner:DbPath={db.FilePath}", "--HubPlanner:LeaseSeconds=4", "--HubPlanner:HeartbeatSeconds=3"]);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("HeartbeatSeconds (3) must be at most half of LeaseSeconds (4)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FailsWhenWorkerConcurrencyIsOutOfRange()
    {
        using var db = new TempDatabase();
        await using var app = ServiceApp.Build(["--urls=http://127.0.0.1:0", $"--HubPlanner:DbPath={db.FilePath}", "--HubPlanner:WorkerConcurrency=0"]);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("WorkerConcurrency", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_RefusesTwoHandlersForOneKind()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new JobHandlerRegistry([new WaitJobHandler(), new WaitJobHandler()]));
        Assert.Contains("'wait'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitHandler_NamesEachBadParameter()
    {
        var errors = new WaitJobHandler().Validate(JsonDocument.Parse("""{"steps": "ten", "step_ms": 70000}""").RootElement, 1);

        Assert.Equal(["params.steps", "params.step_ms"], errors.Select(e => e.Field));
    }
}
