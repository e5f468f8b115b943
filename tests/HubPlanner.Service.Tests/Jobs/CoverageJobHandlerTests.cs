using System.Net;
using System.Text.Json;
using HubPlanner.Service.Jobs;
using HubPlanner.Service.Tests.Api;

namespace HubPlanner.Service.Tests.Jobs;

/// <summary>The <c>coverage</c> job on the mini dataset (airspace: the rectangle 26.5–31.0 E, 48.0–50.5 N).</summary>
public sealed class CoverageJobHandlerTests
{
    [Fact]
    public async Task CoverageJob_ARadarAtVinnytsiaCoversTheWholeMiniAirspaceAt10Km_AndCoverageGrowsWithAltitude()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();
        // radar-air: 250 km, mast 30 m. At a 10 km target its horizon (≈ 4.12·(√30 + √10000) ≈ 434 km) exceeds
        // 250 km, and the farthest airspace corner from vin-rail (28.48 E, 49.22 N) is (31.0 E, 48.0 N) at
        // ≈ 230 km: the airspace is covered in full. At 100 m the horizon is ≈ 64 km: far less.
        var submit = await s.SendAsync(HttpMethod.Post, "/api/jobs", new
        {
            kind = "coverage",
            @params = new { deployment = new object[] { new { site = "vin-rail", equipment = "radar-air", quantity = 1 }, new { site = "khm-air", equipment = "sam-medium", quantity = 2 } } },
        });
        Assert.Equal(HttpStatusCode.Accepted, submit.Response.StatusCode);

        var done = await s.PollJobAsync(submit.Body.GetProperty("id").GetInt64(), j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));
        Assert.Equal(JobStatus.Succeeded.ToText(), done.GetProperty("status").GetString());
        var report = (await s.SendAsync(HttpMethod.Get, $"/api/results/{done.GetProperty("result_id").GetInt64()}")).Body.GetProperty("report");

        Assert.Equal(["khm-air", "vin-rail"], report.GetProperty("hubs").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(3, report.GetProperty("asset_count").GetInt32());
        var bands = report.GetProperty("bands").EnumerateArray().ToList();
        Assert.Equal([100.0, 1000.0, 10000.0], bands.Select(b => b.GetProperty("target_altitude_m").GetDouble()));
        var airspace = bands.Select(b => b.GetProperty("airspace").GetProperty("covered_percent").GetDouble()).ToList();
        Assert.InRange(airspace[2], 99.9, 100.0);
        Assert.True(airspace[0] < airspace[1] && airspace[1] <= airspace[2], $"coverage by band: {string.Join(", ", airspace)}");

        var geo = await s.SendAsync(HttpMethod.Get, $"/api/results/{done.GetProperty("result_id").GetInt64()}/geojson");
        var layers = geo.Body.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("layer").GetString()).ToHashSet();
        Assert.Contains("hub", layers);
        Assert.Contains("covered", layers);
    }

    [Fact]
    public async Task CoverageJob_WithAnUnknownSite_FailsSayingWhich()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();
        var submit = await s.SendAsync(HttpMethod.Post, "/api/jobs", new
        {
            kind = "coverage",
            @params = new { deployment = new object[] { new { site = "lviv-rail", equipment = "radar-air", quantity = 1 } } },
        });

        var done = await s.PollJobAsync(submit.Body.GetProperty("id").GetInt64(), j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));

        Assert.Equal(JobStatus.Failed.ToText(), done.GetProperty("status").GetString());
        Assert.Equal("site 'lviv-rail' is not in scenario 'base'", done.GetProperty("error").GetString());
    }

    [Fact]
    public void CoverageJob_Validate_NamesTheBadEntryField()
    {
        var handler = new CoverageJobHandler(null!);
        var errors = handler.Validate(JsonDocument.Parse("""{"deployment": [{"site": "vin-rail", "equipment": "radar-air", "quantity": 0}, {"site": ""}]}""").RootElement, 1);

        Assert.Equal(["params.deployment[0].quantity", "params.deployment[1].site", "params.deployment[1].equipment", "params.deployment[1].quantity"], errors.Select(e => e.Field));
    }
}
