using System.Text.Json;
using HubPlanner.Data.Store;
using HubPlanner.Service.Tests.Api;

namespace HubPlanner.Service.Tests.Jobs;

/// <summary>
/// A plan job whose routing delivered nothing does not succeed: on the mini dataset a one-hour shift horizon
/// (<c>horizon_h=1</c>) leaves no round trip from an entry point to a site that fits, so the job fails naming the
/// stage, as <c>hubplanner plan</c> exits 4, and stores no result.
/// </summary>
public sealed class NoSolutionJobTests
{
    [Fact]
    public async Task PlanJob_WhoseRoutingDeliversNothing_Fails_NamingTheStage_AndStoresNoResult()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();

        var submitted = await s.SendAsync(HttpMethod.Post, "/api/jobs",
            new { kind = "plan", scenario_id = 1, @params = new { deterministic = true, hubs = 3, seed = 1, horizon_h = 1 } });
        long id = submitted.Body.GetProperty("id").GetInt64();
        var done = await s.PollJobAsync(id, j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));

        Assert.Equal("failed", done.GetProperty("status").GetString());
        Assert.Contains("no solution from routing", done.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, done.GetProperty("result_id").ValueKind);
    }
}
