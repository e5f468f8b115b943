using System.Net;
using System.Text.Json;
using HubPlanner.Service.Jobs;
using HubPlanner.Service.Tests.Api;

namespace HubPlanner.Service.Tests.Jobs;

/// <summary>The <c>compare</c> job: two planned scenarios of the mini dataset, 3 hubs against 2.</summary>
public sealed class CompareJobHandlerTests
{
    [Fact]
    public async Task CompareJob_OfThreeAgainstTwoHubs_ReportsOneHubRemovedAndTheCoverageChange()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();
        var created = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "two-hubs", @params = new Dictionary<string, string> { ["hubs"] = "2" } });
        Assert.Equal(HttpStatusCode.Created, created.Response.StatusCode);
        long twoHubs = created.Body.GetProperty("id").GetInt64();

        foreach (var (scenario, hubs) in new (long?, int)[] { (null, 3), (twoHubs, 2) })
        {
            var submit = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "plan", scenario_id = scenario, @params = new { hubs, deterministic = true } });
            Assert.Equal(HttpStatusCode.Accepted, submit.Response.StatusCode);
            var done = await s.PollJobAsync(submit.Body.GetProperty("id").GetInt64(), j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));
            Assert.True(done.GetProperty("status").GetString() == JobStatus.Succeeded.ToText(), done.ToString());
        }

        var compare = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "compare", @params = new { a = "base", b = "two-hubs" } });
        Assert.Equal(HttpStatusCode.Accepted, compare.Response.StatusCode);
        var finished = await s.PollJobAsync(compare.Body.GetProperty("id").GetInt64(), j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));
        Assert.True(finished.GetProperty("status").GetString() == JobStatus.Succeeded.ToText(), finished.ToString());
        var report = (await s.SendAsync(HttpMethod.Get, $"/api/results/{finished.GetProperty("result_id").GetInt64()}")).Body.GetProperty("report");
        var comparison = report.GetProperty("comparison");
        int removed = comparison.GetProperty("hubs_removed").GetArrayLength(), added = comparison.GetProperty("hubs_added").GetArrayLength();
        Assert.Equal(1, removed - added);
        Assert.Equal(3, comparison.GetProperty("coverage").GetArrayLength());
    }

    [Fact]
    public async Task CompareJob_WithoutScenarioNames_Is400NamingBothFields()
    {
        await using var s = await ServiceUnderTest.StartAsync();

        var r = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "compare", @params = new { a = 1 } });

        Assert.Equal(HttpStatusCode.BadRequest, r.Response.StatusCode);
        var errors = r.Body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("params.a", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("params.b", out _), errors.ToString());
    }
}
