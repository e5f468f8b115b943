using System.Net.Http.Headers;
using System.Text.Json;
using HubPlanner.Data.Import;
using HubPlanner.Data.Store;
using HubPlanner.Service;
using HubPlanner.Tests.Shared;
using Microsoft.Playwright;

namespace HubPlanner.Web.Tests;

/// <summary>
/// The web map in a real browser (Debian's chromium, headless) against the real service on a fresh database holding
/// the mini dataset: sign in, create a what-if, forbid a site by clicking it, run a plan job from the page, and
/// check what is drawn against the plan the job stored. Every request the page makes must stay on loopback.
/// </summary>
public sealed class WebMapBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task Page_RunsAPlanJob_DrawsThePlannedLayers_AndStoresAnEditMadeByClicking()
    {
        bool present = File.Exists(Chromium);
        if (!present && ExternalTool.IsCi())
        {
            Assert.Fail($"{Chromium} is missing: CI must install Debian's chromium package (see .ci/run).");
        }

        Skip.IfNot(present, $"{Chromium} (Debian's chromium package) is not installed; the browser test did not run.");

        using var db = new ScratchDatabase();
        var token = db.Store.CreateToken("browser", DateTimeOffset.UtcNow)!;
        await using var app = ServiceApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--HubPlanner:DbPath={db.FilePath}",
            "--HubPlanner:PollMilliseconds=50",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Urls.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var outside = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && !url.IsLoopback)
            {
                lock (outside)
                {
                    outside.Add(route.Request.Url);
                }

                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, e) => pageErrors.Add(e);
        var shots = ScreenshotDirectory();

        // Sign in once: the token goes to sessionStorage and every API call carries it.
        await page.GotoAsync(address + "/");
        await page.Locator("#token").FillAsync(token);
        await page.Locator("#login-button").ClickAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Equal(token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('hubplanner.token')"));

        // A what-if, then an edit by clicking a candidate site in "forbid" mode.
        await page.Locator("#new-name").FillAsync("web what-if");
        await page.Locator("#new-scenario").ClickAsync();
        await page.WaitForFunctionAsync("() => window.hubplanner.state.scenario && window.hubplanner.state.scenario.name === 'web what-if'");
        long scenarioId = await page.EvaluateAsync<long>("() => window.hubplanner.state.scenario.id");
        await page.Locator("input[name=edit][value=forbidden]").CheckAsync();
        await page.Locator("path.site-khm-air").DispatchEventAsync("click");
        await page.WaitForFunctionAsync("() => window.hubplanner.state.scenario.edits.length === 1");
        await page.Locator("input[name=edit][value=none]").CheckAsync();

        var scenario = await GetJsonAsync(http, $"/api/scenarios/{scenarioId}");
        var edit = Assert.Single(scenario.GetProperty("edits").EnumerateArray()).GetProperty("edit");
        Assert.Equal("set_site_status", edit.GetProperty("kind").GetString());
        Assert.Equal("khm-air", edit.GetProperty("site_id").GetString());
        Assert.Equal("forbidden", edit.GetProperty("status").GetString());

        // Run the plan from the page and wait for its progress bar to finish.
        await page.Locator("#run-plan").ClickAsync();
        await page.WaitForSelectorAsync("#progress[data-state=done]", new PageWaitForSelectorOptions { Timeout = 180_000 });
        Assert.Equal(1.0, await page.EvaluateAsync<double>("() => document.getElementById('progress').value"));
        Assert.Empty(pageErrors);

        // What the page drew equals what the job stored (its own GeoJSON, counted per layer here).
        long resultId = await page.EvaluateAsync<long>("() => window.hubplanner.state.job.result_id");
        using var stored = JsonDocument.Parse(await http.GetStringAsync($"/api/results/{resultId}/geojson"));
        var expected = stored.RootElement.GetProperty("features").EnumerateArray()
            .GroupBy(f => f.GetProperty("properties").GetProperty("layer").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        var drawn = await page.EvaluateAsync<Dictionary<string, int>>("() => window.hubplanner.layerCounts()");
        Assert.True(expected.GetValueOrDefault("hubs") > 0, "the plan opened no hub");
        Assert.True(expected.GetValueOrDefault("routes") > 0, "the plan has no route");
        Assert.True(expected.GetValueOrDefault("coverage") > 0, "the plan has no coverage band");
        foreach (var layer in new[] { "hubs", "routes", "coverage", "gaps", "zones" })
        {
            Assert.Equal((layer, expected.GetValueOrDefault(layer)), (layer, drawn.GetValueOrDefault(layer)));
        }

        // The forbidden site is not a hub.
        var hubIds = stored.RootElement.GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("properties").GetProperty("layer").GetString() == "hubs")
            .Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain("khm-air", hubIds);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "web-map-plan.png") });

        // Clicking a hub opens its popup (equipment, why chosen) and shows what its loss uncovers.
        await page.Locator($"path.hub-{hubIds[0]}").ClickAsync(new LocatorClickOptions { Force = true });
        var popup = page.Locator(".leaflet-popup .hub-popup");
        await popup.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        var popupText = await popup.InnerTextAsync();
        Assert.Contains(hubIds[0]!, popupText, StringComparison.Ordinal);
        Assert.Contains("why chosen", popupText, StringComparison.Ordinal);
        Assert.Contains("equipment", popupText, StringComparison.Ordinal);
        Assert.Contains("is lost", await page.Locator("#loss").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "web-map-hub-popup.png") });

        // The docs page renders the OpenAPI document from local assets only.
        await page.GotoAsync(address + "/docs");
        await page.WaitForSelectorAsync(".op");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "api-docs.png") });

        Assert.Empty(outside);
        await app.StopAsync();
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(path));
        return doc.RootElement.Clone();
    }

    /// <summary>TestResults/ci/screenshots under the repository root (found from the test binaries).</summary>
    private static string ScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HubPlanner.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "ci", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A migrated database holding the mini dataset in a fresh temporary directory, deleted afterwards.</summary>
    private sealed class ScratchDatabase : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "hp-web-tests", Guid.NewGuid().ToString("N"));

        public ScratchDatabase()
        {
            Directory.CreateDirectory(_dir);
            FilePath = Path.Combine(_dir, "web.gpkg");
            Store = PlanningStore.Open(FilePath);
            DatasetImporter.LoadDataset(Store, DatasetImporter.ReadDataset(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini")));
        }

        public string FilePath { get; }

        public PlanningStore Store { get; }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
                // The service may still hold the file for a moment; the OS temp cleaner gets it later.
            }
        }
    }
}
