using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HubPlanner.Core.Contract;
using HubPlanner.Core.Planning;
using HubPlanner.Service.Api;
using Json.Schema;

namespace HubPlanner.Contract.Tests;

/// <summary>
/// The published documents of the JSON contract (file name → C# type), the generator of their schemas, and the
/// checks every output goes through: all keys snake_case, valid against its schema. Linked into the CLI tests.
/// Regenerate the committed schemas with
/// <c>HUBPLANNER_UPDATE_SCHEMAS=1 dotnet test tests/HubPlanner.Service.Tests --filter CommittedSchemas</c>.
/// </summary>
internal static partial class ContractDocuments
{
    public const string IdPrefix = "https://hubplanner.example/schema/v1/";

    private static readonly Dictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    /// <summary>Every schema file of docs/schema/v1 and its content, generated from the types.</summary>
    public static IReadOnlyDictionary<string, string> Generate()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, Type type, string title) =>
            files[$"{name}.schema.json"] = ContractSchemas.ToText(ContractSchemas.Export(type, $"{IdPrefix}{name}.schema.json", title));

        Add("plan-report", typeof(PlanResult), "Plan report (plan --json 'report', GET /api/results/{id} 'report' of a plan job, the stored result)");
        Add("plan-output", typeof(PlanDocument), "Output of 'hubplanner plan --json'");
        Add("compare-report", typeof(PlanComparison), "Comparison of two plans ('compare --json' 'comparison', a compare job's 'comparison')");
        Add("edit", typeof(ScenarioEdit), "Scenario edit (any kind): body of POST /api/scenarios/{id}/edits");
        foreach (var (kind, schema) in ContractSchemas.ExportEdits(IdPrefix))
        {
            files[$"edit.{kind}.schema.json"] = ContractSchemas.ToText(schema);
        }

        Add("scenario", typeof(ScenarioView), "Scenario resource (GET /api/scenarios/{id})");
        Add("scenario-create", typeof(CreateScenarioRequest), "Body of POST /api/scenarios");
        Add("job", typeof(JobView), "Job resource (GET /api/jobs/{id})");
        Add("job-submit", typeof(SubmitJobRequest), "Body of POST /api/jobs");
        Add("result", typeof(ResultView), "Result resource (GET /api/results/{id})");
        return files;
    }

    /// <summary>The directory of the committed schemas (found from the test binaries up to the repository root).</summary>
    public static string SchemaDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HubPlanner.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root not found"), "docs", "schema", ContractJson.Version);
        }
    }

    /// <summary>Asserts that every key of the document, at any depth, matches <c>^[a-z][a-z0-9_]*$</c> (the keys of a
    /// ProblemDetails' <c>errors</c> are field paths: such keys joined by dots).</summary>
    public static void AssertSnakeCaseKeys(JsonElement document, string what)
    {
        var bad = new List<string>();
        Walk(document, "$", bad);
        Assert.True(bad.Count == 0, $"{what}: keys not in snake_case: {string.Join(", ", bad.Take(20))}");
    }

    /// <summary>Asserts that the document validates against the committed schema <paramref name="file"/>.</summary>
    public static void AssertValid(JsonElement document, string file)
    {
        JsonSchema schema;
        lock (Schemas)
        {
            // A schema's $id is registered globally on first load: load each file once per process.
            if (!Schemas.TryGetValue(file, out schema!))
            {
                schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaDirectory, file)));
                Schemas[file] = schema;
            }
        }

        var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(20);
        Assert.True(result.IsValid, $"not valid against {file}: {string.Join("; ", errors)}");
    }

    private static void Walk(JsonElement e, string path, List<string> bad)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                // ProblemDetails "errors" are keyed by field paths: snake_case words joined by dots (params.hubs).
                bool fieldPaths = path.EndsWith(".errors", StringComparison.Ordinal);
                foreach (var p in e.EnumerateObject())
                {
                    if (fieldPaths ? !p.Name.Split('.').All(Key().IsMatch) : !Key().IsMatch(p.Name))
                    {
                        bad.Add($"{path}.{p.Name}");
                    }

                    Walk(p.Value, $"{path}.{p.Name}", bad);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", bad);
                }

                break;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Key();
}
