using System.Globalization;
using System.Text.Json;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.PlanExport;
using HubPlanner.Data.Store;
using HubPlanner.Service.Storage;

namespace HubPlanner.Service.Jobs;

/// <summary>
/// Job kind <c>plan</c>: the whole pipeline (roads → placement → allocation → routing → coverage) on the job's
/// scenario, like <c>hubplanner plan</c>. Parameters are optional overrides of the scenario's plan parameters
/// (any key of <see cref="PlanParameters.Keys"/>, e.g. <c>{"hubs": 6, "seed": 3}</c>) plus
/// <c>"deterministic": true</c>. The result, its GeoPackage plan layers and its GeoJSON are written in the
/// worker's completion transaction, so a crashed or cancelled job leaves none of them behind.
/// </summary>
public class PlanJobHandler(ScenarioRepository scenarios, PlanningStore store) : IJobHandler
{
    /// <inheritdoc />
    public virtual string Kind => JobKinds.Plan;

    /// <summary>The last stage to run (null: the whole pipeline).</summary>
    protected virtual PlanStage? StopAfter => null;

    /// <inheritdoc />
    public IReadOnlyList<FieldError> Validate(JsonElement parameters, long? scenarioId)
    {
        var errors = new List<FieldError>();
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("params", "expected an object of plan parameters, e.g. {\"hubs\": 6}"));
            return errors;
        }

        try
        {
            _ = Overrides(new PlanParameters(), parameters);
        }
        catch (PlanParameterException ex)
        {
            errors.Add(new FieldError($"params.{ex.Key}", ex.Message));
        }

        return errors;
    }

    /// <inheritdoc />
    public Task<JobOutcome> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The solvers are synchronous and CPU-bound: run them off the worker loop.
        return Task.Run(() => Run(context, cancellationToken), cancellationToken);
    }

    private JobOutcome Run(JobContext context, CancellationToken cancellationToken)
    {
        var scenario = (context.ScenarioId is { } id ? scenarios.Get(id) : null)
            ?? throw new JobFailedException($"scenario {context.ScenarioId} does not exist");
        context.Progress.Report(new JobProgress("load", 0, $"loading scenario '{scenario.Name}'"));
        PlanningProblem problem;
        PlanResult? parentPlan;
        try
        {
            problem = store.LoadProblem(scenario.Name, cancellationToken);
            problem = problem with { Parameters = Overrides(problem.Parameters, context.Parameters) };
            var parent = scenario.ParentId is { } pid ? store.GetScenario(pid) : null;
            parentPlan = parent is null ? null : store.LatestPlan(parent.Name);
        }
        catch (Exception ex) when (ex is PlanningInputException or BadInputException or PlanParameterException)
        {
            throw new JobFailedException($"scenario '{scenario.Name}' cannot be planned: {ex.Message}", ex);
        }

        var deterministic = context.Parameters.TryGetProperty("deterministic", out var d) && d.ValueKind == JsonValueKind.True;
        PlanResult result;
        try
        {
            result = PlanPipeline.Run(problem, new PlanRunOptions(scenario.Name, parentPlan, deterministic, StopAfter), new Progress(context.Progress), cancellationToken);
        }
        catch (PlanInfeasibleException ex)
        {
            // The explanation is the job's outcome: which constraints conflict, one sentence each.
            throw new JobFailedException($"infeasible plan: {ex.Message}", ex);
        }

        var geojson = PlanGeoJson.Serialize(PlanGeoJson.Build(problem, result));
        return new JobOutcome(PlanningStore.PlanToJson(result), geojson, result.Seed)
        {
            WriteResult = (connection, tx, scenarioId, jobId) => store.SavePlan(connection, tx, scenarioId, result, jobId),
        };
    }

    /// <summary>Applies <c>params</c> (numbers, strings, booleans or arrays as text) through <see cref="PlanParameters.With"/>.</summary>
    private static PlanParameters Overrides(PlanParameters parameters, JsonElement overrides)
    {
        foreach (var p in overrides.EnumerateObject())
        {
            if (p.Name == "deterministic")
            {
                if (p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new PlanParameterException(p.Name, "expected true or false");
                }

                continue;
            }

            var text = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                JsonValueKind.Array => string.Join(",", p.Value.EnumerateArray().Select(v => v.GetRawText())),
                _ => throw new PlanParameterException(p.Name, $"expected a number or text, not {p.Value.ValueKind.ToString().ToLowerInvariant()}"),
            };
            try
            {
                parameters = parameters.With(p.Name, text);
            }
            catch (PlanningInputException ex)
            {
                throw new PlanParameterException(p.Name, string.Join(" ", ex.Problems));
            }
        }

        return parameters;
    }

    private sealed class PlanParameterException(string key, string message) : Exception(message)
    {
        public string Key { get; } = key;
    }

    private sealed class Progress(IProgress<JobProgress> target) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) =>
            target.Report(new JobProgress(value.Stage, value.Fraction, value.Message, value.Objective, value.Bound));
    }
}

/// <summary>Job kind <c>placement</c>: the road matrix and the placement model only (hubs, assignment, objective,
/// bound, gap); the same parameters as <c>plan</c>.</summary>
public sealed class PlacementJobHandler(ScenarioRepository scenarios, PlanningStore store) : PlanJobHandler(scenarios, store)
{
    /// <inheritdoc />
    public override string Kind => JobKinds.Placement;

    /// <inheritdoc />
    protected override PlanStage? StopAfter => PlanStage.Placement;
}

/// <summary>Job kind <c>routing</c>: placement, allocation and delivery routing (no coverage); the same parameters as
/// <c>plan</c>.</summary>
public sealed class RoutingJobHandler(ScenarioRepository scenarios, PlanningStore store) : PlanJobHandler(scenarios, store)
{
    /// <inheritdoc />
    public override string Kind => JobKinds.Routing;

    /// <inheritdoc />
    protected override PlanStage? StopAfter => PlanStage.Routing;
}
