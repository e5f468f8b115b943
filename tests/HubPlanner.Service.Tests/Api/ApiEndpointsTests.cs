using System.Net;
using System.Text.Json;
using Dapper;
using HubPlanner.Service.Jobs;

namespace HubPlanner.Service.Tests.Api;

public sealed class ApiEndpointsTests
{
    private static long Count(ServiceUnderTest s, string table)
    {
        using var c = s.Db.Open();
        return c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }

    private static string[] Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var e) ? e.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "hp_not-a-real-token")]
    [InlineData(true, "")]
    public async Task Writes_WithoutAValidToken_Are401AndWriteNothing(bool sendHeader, string? token)
    {
        await using var s = await ServiceUnderTest.StartAsync();

        var job = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = 1 } }, token, sendHeader);
        var scenario = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "x" }, token, sendHeader);
        var cancel = await s.SendAsync(HttpMethod.Post, "/api/jobs/1/cancel", null, token, sendHeader);

        Assert.All([job, scenario, cancel], r => Assert.Equal(HttpStatusCode.Unauthorized, r.Response.StatusCode));
        Assert.Equal("Bearer", job.Response.Headers.WwwAuthenticate.First().Scheme);
        Assert.Equal(401, job.Body.GetProperty("status").GetInt32());
        Assert.Equal(0, Count(s, "jobs"));
        Assert.Equal(1, Count(s, "scenarios")); // only the base scenario
    }

    [Fact]
    public async Task Reads_NeedATokenByDefault_ButNotWhenConfiguredOpen()
    {
        await using (var closed = await ServiceUnderTest.StartAsync())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await closed.SendAsync(HttpMethod.Get, "/api/jobs", authorize: false)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await closed.SendAsync(HttpMethod.Get, "/api/jobs")).Response.StatusCode);
        }

        await using var open = await ServiceUnderTest.StartAsync("--HubPlanner:RequireTokenForReads=false");
        Assert.Equal(HttpStatusCode.OK, (await open.SendAsync(HttpMethod.Get, "/api/jobs", authorize: false)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await open.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait" }, authorize: false)).Response.StatusCode);
    }

    [Fact]
    public async Task SubmitJob_WithMalformedBodies_Is400NamingTheField()
    {
        await using var s = await ServiceUnderTest.StartAsync();

        var brokenJson = await s.SendAsync(HttpMethod.Post, "/api/jobs", "{\"kind\": \"wait\", \"params\": ");
        var wrongType = await s.SendAsync(HttpMethod.Post, "/api/jobs", "{\"kind\": \"wait\", \"scenario_id\": \"seven\"}");
        var noKind = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { @params = new { steps = 1 } });
        var unknownKind = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "teleport" });
        var badSteps = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = -3 } });
        var paramsNotObject = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = 5 });
        var noScenario = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", scenario_id = 99, @params = new { steps = 1 } });

        Assert.All([brokenJson, wrongType, noKind, unknownKind, badSteps, paramsNotObject, noScenario],
            r => Assert.Equal(HttpStatusCode.BadRequest, r.Response.StatusCode));
        Assert.NotEmpty(Errors(brokenJson.Body, "params"));
        Assert.NotEmpty(Errors(wrongType.Body, "scenario_id"));
        Assert.Contains("is required", Errors(noKind.Body, "kind")[0], StringComparison.Ordinal);
        Assert.Contains("'teleport' is not a job kind", Errors(unknownKind.Body, "kind")[0], StringComparison.Ordinal);
        Assert.Contains("expected an integer from 1", Errors(badSteps.Body, "params.steps")[0], StringComparison.Ordinal);
        Assert.NotEmpty(Errors(paramsNotObject.Body, "params"));
        Assert.Contains("scenario 99 does not exist", Errors(noScenario.Body, "scenario_id")[0], StringComparison.Ordinal);
        Assert.Equal(0, Count(s, "jobs"));
    }

    [Fact]
    public async Task RequestBody_OverTheSizeLimit_Is413()
    {
        await using var s = await ServiceUnderTest.StartAsync("--HubPlanner:MaxRequestBodyBytes=2048");

        var big = new string('x', 4096);
        var r = await s.SendAsync(HttpMethod.Post, "/api/scenarios", $"{{\"name\": \"{big}\"}}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.Response.StatusCode);
        Assert.Equal(1, Count(s, "scenarios")); // only the base scenario
    }

    [Fact]
    public async Task Job_GoesQueuedThenRunningWithProgressThenSucceeded_AndItsGeoJsonIsServed()
    {
        await using var s = await ServiceUnderTest.StartAsync();
        // One worker: the blocker holds it, so the job under test is certainly seen queued.
        var blocker = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = 10, step_ms = 100 } });
        var blockerId = blocker.Body.GetProperty("id").GetInt64();
        await s.PollJobAsync(blockerId, j => j.GetProperty("status").GetString() == JobStatus.Running.ToText());

        var submit = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = 30, step_ms = 100 } });
        Assert.Equal(HttpStatusCode.Accepted, submit.Response.StatusCode);
        var id = submit.Body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/jobs/{id}", submit.Response.Headers.Location!.OriginalString);
        Assert.Equal(JobStatus.Queued.ToText(), submit.Body.GetProperty("status").GetString());
        Assert.Equal(JobStatus.Queued.ToText(), (await s.GetJobAsync(id)).GetProperty("status").GetString());

        var running = await s.PollJobAsync(id, j => j.GetProperty("status").GetString() == JobStatus.Running.ToText()
                                                    && j.GetProperty("progress").ValueKind == JsonValueKind.Object);
        var progress = running.GetProperty("progress");
        Assert.Equal("wait", progress.GetProperty("stage").GetString());
        Assert.InRange(progress.GetProperty("fraction").GetDouble(), 0.0, 1.0);
        Assert.Equal(30, progress.GetProperty("bound").GetDouble());

        var done = await s.PollJobAsync(id, j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));
        Assert.Equal(JobStatus.Succeeded.ToText(), done.GetProperty("status").GetString());
        Assert.Equal(1.0, done.GetProperty("progress").GetProperty("fraction").GetDouble());
        var resultId = done.GetProperty("result_id").GetInt64();

        var result = await s.SendAsync(HttpMethod.Get, $"/api/results/{resultId}");
        Assert.Equal(HttpStatusCode.OK, result.Response.StatusCode);
        Assert.Equal(id, result.Body.GetProperty("job_id").GetInt64());
        Assert.Equal(30, result.Body.GetProperty("report").GetProperty("steps").GetInt32());

        var geo = await s.SendAsync(HttpMethod.Get, $"/api/results/{resultId}/geojson");
        Assert.Equal("application/geo+json", geo.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("FeatureCollection", geo.Body.GetProperty("type").GetString());
        Assert.Equal(id, geo.Body.GetProperty("features")[0].GetProperty("properties").GetProperty("job_id").GetInt64());
    }

    [Fact]
    public async Task CancellingARunningJob_EndsItCancelledWithNoResult()
    {
        await using var s = await ServiceUnderTest.StartAsync();
        var id = (await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = 600, step_ms = 50 } })).Body.GetProperty("id").GetInt64();
        await s.PollJobAsync(id, j => j.GetProperty("progress").ValueKind == JsonValueKind.Object);

        var cancel = await s.SendAsync(HttpMethod.Post, $"/api/jobs/{id}/cancel");
        Assert.Equal(HttpStatusCode.OK, cancel.Response.StatusCode);
        Assert.True(cancel.Body.GetProperty("cancel_requested").GetBoolean());

        var done = await s.PollJobAsync(id, j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));
        Assert.Equal(JobStatus.Cancelled.ToText(), done.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("result_id").ValueKind);
        Assert.Equal(0, Count(s, "results"));
    }

    [Fact]
    public async Task AJobThatFails_EndsFailedWithItsReason()
    {
        await using var s = await ServiceUnderTest.StartAsync();
        var id = (await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = 5, step_ms = 10, fail_at = 3 } })).Body.GetProperty("id").GetInt64();

        var done = await s.PollJobAsync(id, j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));

        Assert.Equal(JobStatus.Failed.ToText(), done.GetProperty("status").GetString());
        Assert.Equal("step 3 of 5 failed on request (fail_at = 3)", done.GetProperty("error").GetString());
        Assert.Equal(0, Count(s, "results"));
    }

    [Fact]
    public async Task AJobOverItsTimeout_EndsFailedSayingSo()
    {
        await using var s = await ServiceUnderTest.StartAsync("--HubPlanner:JobTimeoutSeconds=1");
        var id = (await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = 100, step_ms = 100 } })).Body.GetProperty("id").GetInt64();

        var done = await s.PollJobAsync(id, j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));

        Assert.Equal(JobStatus.Failed.ToText(), done.GetProperty("status").GetString());
        Assert.Contains("timed out after 1 s", done.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_TwentyClientsSendingOneIdenticalRemoveSite_StoreItOnce_AndTheScenarioStillLoads()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();
        var child = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "race" });
        var id = child.Body.GetProperty("id").GetInt64();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            s.SendAsync(HttpMethod.Post, $"/api/scenarios/{id}/edits", """{"kind":"remove_site","site_id":"vin-rail"}"""))));

        Assert.Equal(1, answers.Count(a => a.Response.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, answers.Count(a => a.Response.StatusCode == HttpStatusCode.BadRequest));
        var shown = await s.SendAsync(HttpMethod.Get, $"/api/scenarios/{id}");
        Assert.Single(shown.Body.GetProperty("edits").EnumerateArray());
        var geo = await s.SendAsync(HttpMethod.Get, $"/api/scenarios/{id}/geojson");
        Assert.Equal(HttpStatusCode.OK, geo.Response.StatusCode); // the scenario still loads, so it can be planned
    }

    [Fact]
    public async Task Scenarios_CreateEditShow_AndTheEditedScenarioIsServedAsGeoJson()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();

        var created = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "four-hubs", @params = new Dictionary<string, string> { ["hubs"] = "4" } });
        Assert.Equal(HttpStatusCode.Created, created.Response.StatusCode);
        var child = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "vinnytsia-moved", parent = "four-hubs" });
        var childId = child.Body.GetProperty("id").GetInt64();
        var duplicate = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "four-hubs" });
        var noParent = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "orphan", parent = "nowhere" });
        var badParam = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "bad", @params = new Dictionary<string, string> { ["hubs"] = "many" } });
        var edit = await s.SendAsync(HttpMethod.Post, $"/api/scenarios/{childId}/edits", """{"kind":"move_site","site_id":"vin-rail","lon":28.5,"lat":49.25}""");
        var unknownSite = await s.SendAsync(HttpMethod.Post, $"/api/scenarios/{childId}/edits", """{"kind":"remove_site","site_id":"lviv-rail"}""");
        var unknownKind = await s.SendAsync(HttpMethod.Post, $"/api/scenarios/{childId}/edits", """{"kind":"explode_site","site_id":"x"}""");
        var editOfBase = await s.SendAsync(HttpMethod.Post, "/api/scenarios/1/edits", """{"kind":"remove_site","site_id":"vin-rail"}""");

        Assert.Equal(HttpStatusCode.Conflict, duplicate.Response.StatusCode);
        Assert.Contains("no scenario named 'nowhere'", Errors(noParent.Body, "parent")[0], StringComparison.Ordinal);
        Assert.Contains("expected an integer", Errors(badParam.Body, "params.hubs")[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, edit.Response.StatusCode);
        Assert.Contains("unknown site 'lviv-rail'", Errors(unknownSite.Body, "edit")[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.Response.StatusCode);
        Assert.Contains("takes no edits", Errors(editOfBase.Body, "id")[0], StringComparison.Ordinal);

        var shown = await s.SendAsync(HttpMethod.Get, $"/api/scenarios/{childId}");
        Assert.Equal(created.Body.GetProperty("id").GetInt64(), shown.Body.GetProperty("parent_id").GetInt64());
        Assert.Equal("move_site", shown.Body.GetProperty("edits")[0].GetProperty("kind").GetString());
        Assert.Equal(["base", "four-hubs", "vinnytsia-moved"], (await s.SendAsync(HttpMethod.Get, "/api/scenarios")).Body.EnumerateArray().Select(x => x.GetProperty("name").GetString()));

        // The mini dataset has 5 candidate sites; in this scenario vin-rail stands at the edited position.
        var geo = await s.SendAsync(HttpMethod.Get, $"/api/scenarios/{childId}/geojson");
        Assert.Equal("application/geo+json", geo.Response.Content.Headers.ContentType!.MediaType);
        var sites = geo.Body.GetProperty("features").EnumerateArray().Where(f => f.GetProperty("properties").GetProperty("layer").GetString() == "site").ToList();
        Assert.Equal(5, sites.Count);
        var vin = sites.Single(f => f.GetProperty("properties").GetProperty("id").GetString() == "vin-rail");
        Assert.Equal([28.5, 49.25], vin.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        var baseVin = (await s.SendAsync(HttpMethod.Get, "/api/scenarios/1/geojson")).Body.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("properties").GetProperty("id").GetString() == "vin-rail");
        Assert.Equal([28.48, 49.22], baseVin.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Get, "/api/scenarios/999/geojson")).Response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheNamedRoutes_WithoutAToken()
    {
        await using var s = await ServiceUnderTest.StartAsync();

        var doc = await s.SendAsync(HttpMethod.Get, "/openapi/v1.json", authorize: false);

        Assert.Equal(HttpStatusCode.OK, doc.Response.StatusCode);
        var text = doc.Body.GetRawText();
        Assert.Contains("\"SubmitJob\"", text, StringComparison.Ordinal);
        Assert.Contains("/api/results/{id}/geojson", text, StringComparison.Ordinal);
        Assert.Equal("bearer", doc.Body.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }
}
