using System.Text.Json;
using HubPlanner.Core.Contract;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using HubPlanner.Service.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HubPlanner.Service.Api;

/// <summary>
/// The HTTP API: scenarios, jobs, results and GeoJSON under <c>/api</c>. Writes always need a bearer token;
/// reads need one unless <see cref="ServiceOptions.RequireTokenForReads"/> is false. Errors are
/// ProblemDetails; validation errors name the field. No endpoint touches a file path taken from a request.
/// </summary>
public static class ApiEndpoints
{
    private const string GeoJsonType = "application/geo+json";

    /// <summary>Maps every endpoint.</summary>
    public static IEndpointRouteBuilder MapHubPlannerApi(this IEndpointRouteBuilder app, ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).WithName("Health").AllowAnonymous();

        var api = app.MapGroup("/api").WithTags("HubPlanner");
        var reads = api.MapGroup("");
        if (options.RequireTokenForReads)
        {
            reads.RequireAuthorization();
        }
        else
        {
            reads.AllowAnonymous();
        }

        var writes = api.MapGroup("").RequireAuthorization();

        reads.MapGet("/scenarios", ListScenarios).WithName("ListScenarios");
        writes.MapPost("/scenarios", CreateScenario).WithName("CreateScenario");
        reads.MapGet("/scenarios/{id:long}", GetScenario).WithName("GetScenario");
        writes.MapPost("/scenarios/{id:long}/edits", AddEdit).WithName("AddScenarioEdit").Accepts<ScenarioEdit>("application/json");
        writes.MapDelete("/scenarios/{id:long}/edits/{seq:int}", RemoveEdit).WithName("RemoveScenarioEdit");
        reads.MapGet("/scenarios/{id:long}/geojson", ScenarioGeoJsonEndpoint).WithName("GetScenarioGeoJson").Produces(200, contentType: GeoJsonType);

        reads.MapGet("/job-kinds", (JobHandlerRegistry registry) => TypedResults.Ok(registry.Kinds)).WithName("ListJobKinds");
        reads.MapGet("/jobs", ListJobs).WithName("ListJobs");
        writes.MapPost("/jobs", SubmitJob).WithName("SubmitJob");
        reads.MapGet("/jobs/{id:long}", GetJob).WithName("GetJob");
        writes.MapPost("/jobs/{id:long}/cancel", CancelJob).WithName("CancelJob");

        reads.MapGet("/results/{id:long}", GetResult).WithName("GetResult");
        reads.MapGet("/results/{id:long}/geojson", ResultGeoJson).WithName("GetResultGeoJson").Produces(200, contentType: GeoJsonType);
        return app;
    }

    private static Ok<List<ScenarioView>> ListScenarios(IScenarioStore scenarios) =>
        TypedResults.Ok(scenarios.ListScenarios().Select(s => ScenarioView.From(s, [])).ToList());

    private static Results<Ok<ScenarioView>, NotFound<ProblemDetails>> GetScenario(long id, IScenarioStore scenarios)
    {
        var s = scenarios.GetScenario(id);
        return s is null ? NotFound("scenario", id) : TypedResults.Ok(ScenarioView.From(s, scenarios.ListEdits(id)));
    }

    private static Results<Created<ScenarioView>, ValidationProblem, Conflict<ProblemDetails>> CreateScenario(
        CreateScenarioRequest request, IScenarioStore scenarios)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = ["is required"];
        }
        else if (name.Length > 100 || !name.All(ch => char.IsLetterOrDigit(ch) || ch is ' ' or '.' or '_' or '-'))
        {
            errors["name"] = ["must be 1-100 letters, digits, spaces, '.', '_' or '-'"];
        }

        var parentName = string.IsNullOrWhiteSpace(request.Parent) ? PlanningStore.BaseScenarioName : request.Parent.Trim();
        var parent = scenarios.GetScenario(parentName);
        if (parent is null)
        {
            errors["parent"] = [$"no scenario named '{parentName}' to branch from"];
        }

        var parameters = new PlanParameters();
        foreach (var (key, value) in request.Params ?? [])
        {
            try
            {
                parameters = parameters.With(key, value ?? "");
            }
            catch (PlanningInputException ex)
            {
                errors[$"params.{key}"] = [.. ex.Problems];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The scenario is not valid");
        }

        var paramsJson = ContractJson.Serialize(request.Params ?? []);
        if (scenarios.GetScenario(name!) is not null)
        {
            return NameTaken(name!);
        }

        Scenario stored;
        try
        {
            // The store owns the invariants (unique name, existing parent) and writes in one transaction.
            stored = scenarios.CreateScenario(name!, parent!.Name, paramsJson);
        }
        catch (BadInputException) when (scenarios.GetScenario(name!) is not null)
        {
            return NameTaken(name!); // created by a concurrent request between the check and the write
        }

        return TypedResults.Created($"/api/scenarios/{stored.Id}", ScenarioView.From(stored, []));
    }

    private static async Task<Results<Created<ScenarioEditView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AddEdit(
        long id, HttpRequest http, IScenarioStore scenarios)
    {
        // The body is read here, not bound, so that OpenAPI shows the typed edit (Accepts<ScenarioEdit>) while
        // every shape problem is still answered with the field it concerns.
        JsonElement edit;
        try
        {
            edit = await JsonSerializer.DeserializeAsync<JsonElement>(http.Body, ContractJson.Options, http.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"is not valid JSON: {ex.Message}"] }, title: "The edit is not valid");
        }

        var scenario = scenarios.GetScenario(id);
        if (scenario is null)
        {
            return NotFound("scenario", id);
        }

        if (scenario.Name == PlanningStore.BaseScenarioName)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["id"] = ["the base scenario holds the imported data and takes no edits; create a what-if scenario instead"] },
                title: "The edit is not valid");
        }

        // Only the documented shape (docs/schema/v1/edit.*.schema.json) is accepted; each problem names its field.
        var read = ContractReader.Read<ScenarioEdit>(edit);
        if (!read.Ok)
        {
            return TypedResults.ValidationProblem(read.Errors, title: "The edit is not valid",
                detail: "Expected an edit such as {\"kind\":\"remove_site\",\"site_id\":\"lviv-rail\"}; kinds: " + string.Join(", ", ContractSchemas.EditKinds));
        }

        var parsed = read.Value!;

        // The edit must apply to the scenario as it stands (known site, inside the border, …): the store checks it
        // on the problem loaded in the writing transaction, so a stored edit never breaks a later plan and two
        // racing identical edits store one.
        StoredEdit stored;
        try
        {
            stored = scenarios.ApplyEdits(scenario.Name, [parsed])[0];
        }
        catch (ScenarioLoadException ex)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = 409,
                Title = "The scenario cannot be loaded",
                Detail = $"scenario '{scenario.Name}' does not load, so no edit can be checked against it: {ex.Message}",
            });
        }
        catch (PlanningInputException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["edit"] = [.. ex.Problems] }, title: "The edit does not apply to this scenario");
        }

        return TypedResults.Created($"/api/scenarios/{id}", new ScenarioEditView(stored.Seq, stored.Kind, parsed));
    }

    /// <summary>Removes edit <paramref name="seq"/>: the way out of a scenario whose edits no longer apply. 409, naming the
    /// later edit that depends on it, when the removal would break a scenario that loads.</summary>
    private static Results<Ok<EditRemovalView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>> RemoveEdit(
        long id, int seq, IScenarioStore scenarios)
    {
        var scenario = scenarios.GetScenario(id);
        if (scenario is null)
        {
            return NotFound("scenario", id);
        }

        if (scenario.Name == PlanningStore.BaseScenarioName)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["id"] = ["the base scenario holds the imported data and has no edits to remove"] },
                title: "The edit cannot be removed");
        }

        if (!scenarios.ListEdits(id).Any(e => e.Seq == seq))
        {
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"scenario {id} has no edit #{seq}" });
        }

        try
        {
            var removal = scenarios.RemoveEdit(scenario.Name, seq);
            return TypedResults.Ok(new EditRemovalView(removal.Removed.Seq, removal.Removed.Kind, removal.StillFailing));
        }
        catch (BadInputException ex)
        {
            // Removed by a concurrent request between the check and the write.
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = ex.Message });
        }
        catch (PlanningInputException ex)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = 409,
                Title = "Removing this edit would break the scenario",
                Detail = string.Join(" ", ex.Problems),
            });
        }
    }

    private static Results<ContentHttpResult, NotFound<ProblemDetails>, Conflict<ProblemDetails>> ScenarioGeoJsonEndpoint(
        long id, IHubPlannerStore store, CancellationToken cancellationToken)
    {
        var s = store.GetScenario(id);
        if (s is null)
        {
            return NotFound("scenario", id);
        }

        try
        {
            return TypedResults.Text(ScenarioGeoJson.Build(s.Name, store.LoadProblem(s.Name, cancellationToken)), GeoJsonType);
        }
        catch (Exception ex) when (ex is PlanningInputException or BadInputException)
        {
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "The scenario cannot be loaded", Detail = ex.Message });
        }
    }

    private static Ok<List<JobView>> ListJobs(IJobStore queue, string? status, int? limit)
    {
        JobStatus? wanted = null;
        if (status is not null)
        {
            if (!JobStatusText.TryParse(status, out var parsed))
            {
                return TypedResults.Ok(new List<JobView>()); // no job has that status
            }

            wanted = parsed;
        }

        return TypedResults.Ok(queue.ListJobs(wanted, Math.Clamp(limit ?? 50, 1, 500)).Select(JobView.From).ToList());
    }

    private static Results<Accepted<JobView>, ValidationProblem> SubmitJob(
        SubmitJobRequest request, IJobStore queue, JobHandlerRegistry registry, IScenarioStore scenarios, JobSignal signal, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var kind = request.Kind?.Trim().ToLowerInvariant();
        var handler = kind is null ? null : registry.Find(kind);
        if (string.IsNullOrEmpty(kind))
        {
            errors["kind"] = [$"is required; one of: {string.Join(", ", registry.Kinds)}"];
        }
        else if (handler is null)
        {
            errors["kind"] = [$"'{request.Kind}' is not a job kind of this service; one of: {string.Join(", ", registry.Kinds)}"];
        }

        var scenarioId = request.ScenarioId ?? scenarios.GetScenario(PlanningStore.BaseScenarioName)?.Id;
        if (scenarioId is null)
        {
            errors["scenario_id"] = ["is required (the database has no base scenario; run 'hubplanner init')"];
        }
        else if (scenarios.GetScenario(scenarioId.Value) is null)
        {
            errors["scenario_id"] = [$"scenario {scenarioId} does not exist"];
        }

        var parameters = request.Params is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } p ? p : ApiJson.Parse("{}");
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            errors["params"] = ["must be a JSON object"];
        }
        else if (handler is not null)
        {
            foreach (var e in handler.Validate(parameters, scenarioId))
            {
                errors[e.Field] = errors.TryGetValue(e.Field, out var old) ? [.. old, e.Message] : [e.Message];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The job is not valid");
        }

        var id = queue.Submit(kind!, scenarioId, parameters.GetRawText(), time.GetUtcNow());
        signal.Notify();
        return TypedResults.Accepted($"/api/jobs/{id}", JobView.From(queue.GetJob(id)!));
    }

    private static Results<Ok<JobView>, NotFound<ProblemDetails>> GetJob(long id, IJobStore queue) =>
        queue.GetJob(id) is { } job ? TypedResults.Ok(JobView.From(job)) : NotFound("job", id);

    private static Results<Ok<JobView>, NotFound<ProblemDetails>> CancelJob(long id, IJobStore queue, TimeProvider time) =>
        queue.RequestCancel(id, time.GetUtcNow()) is { } job ? TypedResults.Ok(JobView.From(job)) : NotFound("job", id);

    private static Results<Ok<ResultView>, NotFound<ProblemDetails>> GetResult(long id, IPlanStore plans) =>
        plans.GetResult(id) is { } r ? TypedResults.Ok(ResultView.From(r)) : NotFound("result", id);

    private static Results<ContentHttpResult, NotFound<ProblemDetails>> ResultGeoJson(long id, IPlanStore plans) =>
        plans.GetResultGeoJson(id) is { } g ? TypedResults.Text(g, GeoJsonType) : NotFound("GeoJSON of result", id);

    private static Conflict<ProblemDetails> NameTaken(string name) => TypedResults.Conflict(new ProblemDetails
    {
        Status = 409,
        Title = "Name taken",
        Detail = $"a scenario named '{name}' already exists",
        Extensions = { ["field"] = "name" },
    });

    private static NotFound<ProblemDetails> NotFound(string what, long id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"{what} {id} does not exist" });
}
