using System.Net;
using System.Text.Json;

namespace HubPlanner.Service.Tests.Api;

/// <summary>The web map's page, assets and read endpoints, over HTTP on the mini dataset.</summary>
public class MapEndpointsTests
{
    private static readonly string Mini = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini");

    [Fact]
    public async Task Root_ServesTheMapPage_AndLeafletFromTheAssembly_AndNothingElse()
    {
        await using var s = await ServiceUnderTest.StartAsync();

        var page = await s.Client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/web/lib/leaflet/leaflet.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        var leaflet = await s.Client.GetStringAsync("/web/lib/leaflet/leaflet.js");
        Assert.Contains("1.9.4", leaflet[..400], StringComparison.Ordinal); // the banner of the pinned npm release
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync("/web/lib/leaflet/images/marker-icon.png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync("/docs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync("/web/missing.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync("/web/..%2Fappsettings.json")).StatusCode);
    }

    [Fact]
    public async Task Basemap_HoldsTheDatasetsBorderCoastAndPlaces_AndNeedsAToken()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await s.SendAsync(HttpMethod.Get, "/api/basemap", authorize: false)).Response.StatusCode);
        var (response, body) = await s.SendAsync(HttpMethod.Get, "/api/basemap");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var layers = body.GetProperty("features").EnumerateArray().GroupBy(f => f.GetProperty("properties").GetProperty("layer").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        int places = File.ReadLines(Path.Combine(Mini, "places.csv")).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(places, layers["places"]);
        Assert.Equal(Features("border.geojson"), layers["border"]);
        Assert.Equal(Features("coast.geojson"), layers["coast"]);
        Assert.Equal(Features("neighbours.geojson"), layers.GetValueOrDefault("neighbours"));
    }

    [Fact]
    public async Task LatestPlan_Is404BeforeAPlan_ThenMatchesTheJobsGeoJson_WithStopsLossesAndMovements()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Get, "/api/scenarios/1/plan/geojson")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Get, "/api/scenarios/1/movements")).Response.StatusCode);

        var submitted = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "plan", scenario_id = 1, @params = new { deterministic = true, hubs = 3, seed = 1 } });
        long id = submitted.Body.GetProperty("id").GetInt64();
        var done = await s.PollJobAsync(id, j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        using var stored = JsonDocument.Parse(await (await s.Client.SendAsync(s.Request(HttpMethod.Get, $"/api/results/{done.GetProperty("result_id").GetInt64()}/geojson"))).Content.ReadAsStringAsync());

        var (response, plan) = await s.SendAsync(HttpMethod.Get, "/api/scenarios/1/plan/geojson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LayerCounts(stored.RootElement), LayerCounts(plan));
        var routes = plan.GetProperty("features").EnumerateArray().Count(f => f.GetProperty("properties").GetProperty("layer").GetString() == "routes");
        Assert.Equal(routes, plan.GetProperty("route_stops").GetArrayLength());
        Assert.Equal("base", plan.GetProperty("scenario").GetString());
        var stop = plan.GetProperty("route_stops")[0].GetProperty("stops")[0];
        Assert.Equal(["location_id", "location_name", "action", "order_id", "load_t", "arrival_min"], stop.EnumerateObject().Select(p => p.Name));

        var movements = (await s.SendAsync(HttpMethod.Get, "/api/scenarios/1/movements")).Body;
        int stops = plan.GetProperty("route_stops").EnumerateArray().Sum(r => r.GetProperty("stops").GetArrayLength());
        Assert.Equal(stops, movements.GetProperty("movements").GetArrayLength());
        Assert.All(movements.GetProperty("movements").EnumerateArray().SelectMany(m => m.EnumerateObject()),
            p => Assert.Matches("^[a-z][a-z0-9_]*$", p.Name));
    }

    private static int Features(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Mini, file)));
        return doc.RootElement.GetProperty("features").GetArrayLength();
    }

    private static SortedDictionary<string, int> LayerCounts(JsonElement fc) =>
        new(fc.GetProperty("features").EnumerateArray().GroupBy(f => f.GetProperty("properties").GetProperty("layer").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
}
