using System.Net;
using System.Text.Json;
using HubPlanner.Contract.Tests;
using HubPlanner.Service.Jobs;
using HubPlanner.Service.Tests.Api;

namespace HubPlanner.Service.Tests.Contract;

/// <summary>Every API body speaks the one contract: snake_case keys at every depth, resources valid against
/// their published schemas, ProblemDetails errors keyed by snake_case field paths.</summary>
public sealed class ApiContractTests
{
    [Fact]
    public async Task EveryApiBody_HasOnlySnakeCaseKeys_AndTheResourcesMatchTheirSchemas()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();

        var created = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "w", @params = new Dictionary<string, string> { ["hubs"] = "2" } });
        var id = created.Body.GetProperty("id").GetInt64();
        var edit = await s.SendAsync(HttpMethod.Post, $"/api/scenarios/{id}/edits", """{"kind":"set_site_status","site_id":"vin-rail","status":"forbidden"}""");
        var scenario = await s.SendAsync(HttpMethod.Get, $"/api/scenarios/{id}");
        var scenarios = await s.SendAsync(HttpMethod.Get, "/api/scenarios");
        var job = await s.SendAsync(HttpMethod.Post, "/api/jobs", new { kind = "wait", @params = new { steps = 2, step_ms = 10 } });
        var done = await s.PollJobAsync(job.Body.GetProperty("id").GetInt64(), j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!));
        var jobs = await s.SendAsync(HttpMethod.Get, "/api/jobs");
        var result = await s.SendAsync(HttpMethod.Get, $"/api/results/{done.GetProperty("result_id").GetInt64()}");
        var badParam = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "bad", @params = new Dictionary<string, string> { ["hubs"] = "many" } });
        var badEdit = await s.SendAsync(HttpMethod.Post, $"/api/scenarios/{id}/edits", """{"kind":"move_site","site_id":"vin-rail","lon":28.5}""");
        var notFound = await s.SendAsync(HttpMethod.Get, "/api/jobs/999");

        Assert.Equal(HttpStatusCode.Created, edit.Response.StatusCode);
        foreach (var (what, body) in new[]
                 {
                     ("POST /api/scenarios", created.Body), ("POST edits", edit.Body), ("GET scenario", scenario.Body), ("GET scenarios", scenarios.Body),
                     ("POST /api/jobs", job.Body), ("GET job", done), ("GET jobs", jobs.Body), ("GET result", result.Body),
                     ("400 params", badParam.Body), ("400 edit", badEdit.Body), ("404", notFound.Body),
                 })
        {
            ContractDocuments.AssertSnakeCaseKeys(body, what);
        }

        ContractDocuments.AssertValid(created.Body, "scenario.schema.json");
        ContractDocuments.AssertValid(scenario.Body, "scenario.schema.json");
        ContractDocuments.AssertValid(edit.Body.GetProperty("edit"), "edit.schema.json");
        ContractDocuments.AssertValid(job.Body, "job.schema.json");
        ContractDocuments.AssertValid(done, "job.schema.json");
        ContractDocuments.AssertValid(result.Body, "result.schema.json");
        Assert.True(badParam.Body.GetProperty("errors").TryGetProperty("params.hubs", out _), badParam.Body.ToString());
        Assert.True(badEdit.Body.GetProperty("errors").TryGetProperty("lat", out _), badEdit.Body.ToString());
    }

    [Fact]
    public async Task ARequestBodyWithAnUnknownMember_Is400NamingIt()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();

        var r = await s.SendAsync(HttpMethod.Post, "/api/scenarios", """{"name":"w","Parent":"base"}""");

        Assert.Equal(HttpStatusCode.BadRequest, r.Response.StatusCode);
        Assert.Equal(JsonValueKind.Array, r.Body.GetProperty("errors").GetProperty("Parent").ValueKind);
    }

    [Fact]
    public async Task OpenApi_TypesTheEditBody_AndTheResources_WithTheContractNames()
    {
        await using var s = await ServiceUnderTest.StartAsync();

        var doc = (await s.SendAsync(HttpMethod.Get, "/openapi/v1.json", authorize: false)).Body;

        var edits = doc.GetProperty("paths").GetProperty("/api/scenarios/{id}/edits").GetProperty("post");
        var body = edits.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetRawText();
        Assert.DoesNotContain("JsonElement", body, StringComparison.Ordinal);
        var schemas = doc.GetProperty("components").GetProperty("schemas").GetRawText();
        foreach (var name in new[] { "site_id", "zone_kind", "result_id", "cancel_requested", "parent_id" })
        {
            Assert.Contains($"\"{name}\"", schemas, StringComparison.Ordinal);
        }
    }
}
