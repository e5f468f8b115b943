using System.Net;
using Dapper;
using HubPlanner.Service.Jobs;
using HubPlanner.Service.Tests.Api;

namespace HubPlanner.Service.Tests.Jobs;

/// <summary>The <c>plan</c> job (the whole pipeline) on the mini dataset: 5 candidate sites.</summary>
public sealed class PlanJobHandlerTests
{
    [Fact]
    public async Task PlanJob_OpensTheRequestedNumberOfHubs_AndStoresReportLayersAndGeoJsonWithTheJob()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();

        var submit = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "plan", @params = new { hubs = 2, deterministic = true } });
        Assert.Equal(HttpStatusCode.Accepted, submit.Response.StatusCode);
        var jobId = submit.Body.GetProperty("id").GetInt64();
        var done = await s.PollJobAsync(jobId, j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));

        Assert.True(done.GetProperty("status").GetString() == JobStatus.Succeeded.ToText(), done.ToString());
        var resultId = done.GetProperty("result_id").GetInt64();
        var report = (await s.SendAsync(HttpMethod.Get, $"/api/results/{resultId}")).Body.GetProperty("report");
        Assert.Equal(2, report.GetProperty("hubs").GetArrayLength());
        var geo = await s.SendAsync(HttpMethod.Get, $"/api/results/{resultId}/geojson");
        Assert.Equal("FeatureCollection", geo.Body.GetProperty("type").GetString());
        Assert.True(geo.Body.GetProperty("features").GetArrayLength() > 2);

        using var c = s.Db.Open();
        Assert.Equal(2, c.ExecuteScalar<long>("SELECT COUNT(*) FROM plan_hubs WHERE result_id = @resultId", new { resultId }));
        Assert.Equal(jobId, c.ExecuteScalar<long>("SELECT job_id FROM results WHERE id = @resultId", new { resultId }));
    }

    [Fact]
    public async Task PlanJob_WithABadParameter_Is400NamingIt()
    {
        await using var s = await ServiceUnderTest.StartAsync();

        var r = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "plan", @params = new { hubs = "many" } });

        Assert.Equal(HttpStatusCode.BadRequest, r.Response.StatusCode);
        Assert.Contains("expected an integer", r.Body.GetProperty("errors").GetProperty("params.hubs")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("placement", new[] { "optimal", "skipped", "skipped", "skipped" })]
    [InlineData("routing", new[] { "optimal", null, null, "skipped" })]
    public async Task PartialJobs_RunThePipelineUpToTheirStage_AndReportTheRestAsSkipped(string kind, string?[] statuses)
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();

        var submit = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind, @params = new { hubs = 2, deterministic = true } });
        Assert.Equal(HttpStatusCode.Accepted, submit.Response.StatusCode);
        var done = await s.PollJobAsync(submit.Body.GetProperty("id").GetInt64(), j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));

        Assert.True(done.GetProperty("status").GetString() == JobStatus.Succeeded.ToText(), done.ToString());
        var report = (await s.SendAsync(HttpMethod.Get, $"/api/results/{done.GetProperty("result_id").GetInt64()}")).Body.GetProperty("report");
        Assert.Equal(2, report.GetProperty("hubs").GetArrayLength());
        var stages = report.GetProperty("stages").EnumerateArray().ToList();
        // placement, allocation, routing, coverage (after roads); null = ran (status depends on the solver).
        for (int i = 0; i < statuses.Length; i++)
        {
            string actual = stages[i + 1].GetProperty("status").GetString()!;
            if (statuses[i] is { } expected)
            {
                Assert.Equal(expected, actual);
            }
            else
            {
                Assert.NotEqual("skipped", actual);
            }
        }
    }
}
