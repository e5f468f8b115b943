using System.Text.Json;
using System.Text.Json.Serialization;
using HubPlanner.Core.Contract;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Store;
using HubPlanner.Service.Jobs;

namespace HubPlanner.Service.Api;

/// <summary>Body of <c>POST /api/scenarios</c>.</summary>
/// <param name="Name">Unique name: 1-100 letters, digits, spaces, '.', '_' or '-'.</param>
/// <param name="Parent">The name of the scenario this what-if branches from; <c>base</c> when omitted.</param>
/// <param name="Params">Plan parameters by key (see <c>PlanParameters.Keys</c>), values as text.</param>
public sealed record CreateScenarioRequest(string? Name = null, string? Parent = null, Dictionary<string, string>? Params = null);

/// <summary>Body of <c>POST /api/jobs</c>.</summary>
/// <param name="Kind">Job kind: plan, placement, routing, coverage, compare (those registered in this build).</param>
/// <param name="ScenarioId">The scenario to run on; the <c>base</c> scenario when omitted.</param>
/// <param name="Params">Kind-specific parameters (an object).</param>
public sealed record SubmitJobRequest(string? Kind = null, long? ScenarioId = null, JsonElement? Params = null);

/// <summary>A scenario with its edits.</summary>
/// <param name="Params">Plan parameters by key (see <c>PlanParameters.Keys</c>), values as text.</param>
public sealed record ScenarioView(long Id, string Name, long? ParentId, string CreatedAt, IReadOnlyDictionary<string, string> Params, IReadOnlyList<ScenarioEditView> Edits)
{
    internal static ScenarioView From(Scenario s, IReadOnlyList<StoredEdit> edits) =>
        new(s.Id, s.Name, s.ParentId, PlanningStore.FormatTime(s.CreatedAt), ApiJson.Params(s.ParamsJson), edits.Select(ScenarioEditView.From).ToList());
}

/// <summary>One what-if edit of a scenario.</summary>
/// <param name="Edit">The edit in its documented shape (its <c>kind</c> included).</param>
public sealed record ScenarioEditView(long Seq, string Kind, ScenarioEdit Edit)
{
    internal static ScenarioEditView From(StoredEdit e) =>
        new(e.Seq, e.Kind, EditJson.Deserialize(e.PayloadJson) ?? throw new InvalidDataException($"edit {e.Seq} of scenario {e.ScenarioId} is null"));
}

/// <summary>The answer to removing an edit: which edit went, and what (if anything) still keeps the scenario from loading.</summary>
public sealed record EditRemovalView(long Seq, string Kind, IReadOnlyList<string> StillFailing);

/// <summary>A job's state as the API shows it.</summary>
public sealed record JobView(
    long Id,
    string Kind,
    long? ScenarioId,
    string Status,
    JsonElement Params,
    JsonElement? Progress,
    long Attempts,
    string CreatedAt,
    string? StartedAt,
    string? FinishedAt,
    bool CancelRequested,
    string? Error,
    long? ResultId)
{
    internal static JobView From(Job j) => new(
        j.Id, j.Kind, j.ScenarioId, j.Status.ToText(), ApiJson.Parse(j.ParamsJson), j.ProgressJson is null ? null : ApiJson.Parse(j.ProgressJson),
        j.Attempts, PlanningStore.FormatTime(j.CreatedAt), PlanningStore.FormatTime(j.StartedAt), PlanningStore.FormatTime(j.FinishedAt),
        j.CancelRequestedAt is not null, j.Error, j.ResultId);
}

/// <summary>A stored result.</summary>
/// <param name="Report">The job's report: for <c>plan</c>, <c>placement</c> and <c>routing</c> jobs the plan report
/// (docs/schema/v1/plan-report.schema.json, the document <c>plan --json</c> prints); for <c>compare</c> jobs
/// <c>{"kind", "comparison"}</c> (compare-report.schema.json); other kinds their own report.</param>
public sealed record ResultView(long Id, long? ScenarioId, long? JobId, string CreatedAt, long? Seed, JsonElement Report, [property: JsonPropertyName("has_geojson")] bool HasGeoJson)
{
    internal static ResultView From(StoredResult r) => new(r.Id, r.ScenarioId, r.JobId, PlanningStore.FormatTime(r.CreatedAt), r.Seed, ApiJson.Parse(r.ReportJson), r.HasGeoJson);
}

internal static class ApiJson
{
    public static IReadOnlyDictionary<string, string> Params(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, ContractJson.Options) ?? [];

    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
