using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HubPlanner.Contract.Tests;
using HubPlanner.Service;

namespace HubPlanner.Cli.Tests.Contract;

/// <summary>
/// Every <c>--json</c> output speaks the one contract (snake_case keys at every depth; the plan and compare
/// reports valid against their published schemas), and <c>plan --json</c> prints the same report document as
/// <c>GET /api/results/{id}</c> for the same scenario and seed.
/// </summary>
public sealed class CliContractTests : IDisposable
{
    private static readonly string PlanMini = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini");
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private JsonElement Json(params string[] args)
    {
        var (exit, stdout, stderr) = _cli.Run([.. args, "--json"]);
        Assert.True(exit == 0, $"{string.Join(' ', args)} exited {exit}: {stderr}{stdout}");
        var doc = CliHarness.Json(stdout);
        ContractDocuments.AssertSnakeCaseKeys(doc, string.Join(' ', args));
        return doc;
    }

    [Fact]
    public void EveryJsonOutput_HasOnlySnakeCaseKeys_AndTheReportsMatchTheirSchemas()
    {
        Json("init", "--data", PlanMini);
        Json("inspect");
        Json("route", "Khmelnytskyi", "Vinnytsia");
        var plan = Json("plan", "--deterministic", "--hubs", "3", "--seed", "1", "--out", "o");
        ContractDocuments.AssertValid(plan, "plan-output.schema.json");
        ContractDocuments.AssertValid(plan.GetProperty("report"), "plan-report.schema.json");
        Json("scenario", "create", "w", "--from", "base");
        Json("scenario", "edit", "w", "--forbid", "vin-rail");
        Json("scenario", "list");
        Json("plan", "--scenario", "w", "--deterministic", "--out", "o2");
        var show = Json("scenario", "show", "w");
        ContractDocuments.AssertValid(show.GetProperty("plan"), "plan-report.schema.json");
        var compare = Json("compare", "base", "w");
        ContractDocuments.AssertValid(compare.GetProperty("comparison"), "compare-report.schema.json");
        Json("export", "geojson", "--scenario", "w", "--out", "x/w.geojson");
        Json("token", "create", "ci");
        Json("token", "revoke", "ci");
        _cli.Write("inv.csv", "holder_id,equipment_type_id,quantity\nwest-gate,sam-short,2\n");
        Json("import", "inventory", "inv.csv");

        var (exit, stdout, _) = _cli.Run("scenario", "show", "nowhere", "--json");
        Assert.Equal(2, exit);
        ContractDocuments.AssertSnakeCaseKeys(CliHarness.Json(stdout), "an error");
    }

    [Fact]
    public async Task PlanReport_FromTheCli_IsTheDocumentTheApiServes_ForTheSameScenarioAndSeed()
    {
        Json("init", "--data", PlanMini);
        var cli = Json("plan", "--deterministic", "--hubs", "3", "--seed", "1", "--out", "o").GetProperty("report");
        string token = Json("token", "create", "contract").GetProperty("token").GetString()!;

        var api = await RunPlanJobThroughTheApi(token);

        ContractDocuments.AssertValid(api, "plan-report.schema.json");
        var a = WithoutTimings(cli);
        var b = WithoutTimings(api);
        Assert.True(JsonNode.DeepEquals(a, b), $"CLI and API reports differ:\nCLI {Head(a)}\nAPI {Head(b)}");
    }

    private async Task<JsonElement> RunPlanJobThroughTheApi(string token)
    {
        await using var app = ServiceApp.Build(
            ["--urls=http://127.0.0.1:0", $"--HubPlanner:DbPath={_cli.DbPath}", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var submit = await http.PostAsJsonAsync("/api/jobs", new { kind = "plan", @params = new { hubs = 3, seed = 1, deterministic = true } });
        var job = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True(submit.IsSuccessStatusCode, job.ToString());
        ContractDocuments.AssertValid(job, "job.schema.json");
        long id = job.GetProperty("id").GetInt64();
        for (int i = 0; i < 1200; i++)
        {
            job = JsonDocument.Parse(await http.GetStringAsync($"/api/jobs/{id}")).RootElement.Clone();
            if (job.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
        ContractDocuments.AssertSnakeCaseKeys(job, "GET /api/jobs/{id}");
        var result = JsonDocument.Parse(await http.GetStringAsync($"/api/results/{job.GetProperty("result_id").GetInt64()}")).RootElement.Clone();
        ContractDocuments.AssertSnakeCaseKeys(result, "GET /api/results/{id}");
        ContractDocuments.AssertValid(result, "result.schema.json");
        await app.StopAsync();
        return result.GetProperty("report");
    }

    /// <summary>The report without the stages' wall-clock seconds, the one member that differs between two runs.</summary>
    private static JsonNode WithoutTimings(JsonElement report)
    {
        var node = JsonNode.Parse(report.GetRawText())!;
        foreach (var stage in node["stages"]!.AsArray())
        {
            stage!.AsObject().Remove("seconds");
        }

        return node;
    }

    private static string Head(JsonNode n)
    {
        var text = n.ToJsonString();
        return text.Length > 3000 ? text[..3000] + "…" : text;
    }
}
