using System.Collections.Concurrent;
using System.Net;
using HubPlanner.Data.Import;
using HubPlanner.Data.Store;
using HubPlanner.Service.Tests.Api;

namespace HubPlanner.Service.Tests.Hardening;

/// <summary>
/// 50 clients at once on one database (the mini dataset): identical and different edits over the API, re-imports of
/// the inventory file through the store, and plan jobs with solution limits (deterministic). Afterwards nothing is
/// lost or duplicated, every scenario still loads, and SQLite finds the file sound.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Clients = 50;

    [Fact]
    public async Task FiftyClients_MixingEditsImportsAndPlans_LoseAndDuplicateNothing()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();
        Assert.Equal(HttpStatusCode.Created, (await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "race" })).Response.StatusCode);
        string inventory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini", "inventory.csv");
        var statuses = new ConcurrentBag<(string What, HttpStatusCode Status)>();
        var jobs = new ConcurrentBag<long>();
        int imports = 0;

        async Task Client(int i)
        {
            switch (i % 5)
            {
                case 0: // identical: only the first can apply (the site is gone for the others)
                    statuses.Add(("remove", (await s.SendAsync(HttpMethod.Post, "/api/scenarios/2/edits",
                        """{"kind":"remove_site","site_id":"vin-rail"}""")).Response.StatusCode));
                    break;
                case 1: // identical: a zone id can exist once
                    statuses.Add(("zone", (await s.SendAsync(HttpMethod.Post, "/api/scenarios/2/edits",
                        """{"kind":"add_zone","zone_id":"no-go","name":"No go","zone_kind":"exclusion","weight":1,"geometry_wkt":"POLYGON((28 49, 28.2 49, 28.2 49.2, 28 49))"}""")).Response.StatusCode));
                    break;
                case 2: // different: a scenario of its own and one edit in it
                    var created = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = $"own-{i}" });
                    statuses.Add(("own", created.Response.StatusCode));
                    long id = created.Body.GetProperty("id").GetInt64();
                    statuses.Add(("own-edit", (await s.SendAsync(HttpMethod.Post, $"/api/scenarios/{id}/edits",
                        """{"kind":"set_site_status","site_id":"khm-air","status":"forced"}""")).Response.StatusCode));
                    break;
                case 3 when i % 10 == 3: // plan jobs: solution limits, so the load does not change the plan
                    var submit = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "plan", @params = new { hubs = 2, deterministic = true } });
                    statuses.Add(("plan", submit.Response.StatusCode));
                    jobs.Add(submit.Body.GetProperty("id").GetInt64());
                    break;
                default: // the same inventory file re-imported: replaces the rows with identical ones
                    await Task.Run(() => DatasetImporter.ImportFile(s.Db.Store, ImportKind.Inventory, inventory));
                    Interlocked.Increment(ref imports);
                    break;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(() => Client(i))));
        foreach (long job in jobs)
        {
            var done = await s.PollJobAsync(job, j => j.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled");
            Assert.Equal("succeeded", done.GetProperty("status").GetString());
        }

        var store = s.Db.Store;
        Assert.Equal(1, statuses.Count(x => x.What == "remove" && x.Status == HttpStatusCode.Created));
        Assert.Equal(1, statuses.Count(x => x.What == "zone" && x.Status == HttpStatusCode.Created));
        Assert.All(statuses.Where(x => x.What is "remove" or "zone" && x.Status != HttpStatusCode.Created),
            x => Assert.Equal(HttpStatusCode.BadRequest, x.Status));
        Assert.All(statuses.Where(x => x.What is "own" or "own-edit" or "plan"), x => Assert.True(x.Status is HttpStatusCode.Created or HttpStatusCode.Accepted, $"{x}"));

        var race = store.GetScenario("race")!;
        Assert.Equal(["remove_site", "add_zone"], store.ListEdits(race.Id).Select(e => e.Kind).Order(StringComparer.Ordinal).Reverse());
        var own = store.ListScenarios().Where(x => x.Name.StartsWith("own-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Clients / 5, own.Count);
        Assert.All(own, x => Assert.Single(store.ListEdits(x.Id)));
        Assert.Equal(Clients / 5 + 2, store.ListScenarios().Count);
        Assert.Equal(Clients / 10, jobs.Count);
        Assert.Equal(Clients - (Clients / 5 * 3) - (Clients / 10), imports);
        Assert.Equal(6, store.LoadProblem("base").Inventory.Count); // the file's rows, once, whatever the number of re-imports
        foreach (var scenario in store.ListScenarios())
        {
            var problem = store.LoadProblem(scenario.Name);
            HubPlanner.Data.Planning.ScenarioPlanner.CheckHubCount(problem with { Parameters = problem.Parameters with { Hubs = 2 } });
        }

        Assert.Equal("ok", store.IntegrityCheck());
    }
}
