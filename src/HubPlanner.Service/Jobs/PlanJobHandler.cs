using System.Text.Json;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.PlanExport;
using HubPlanner.Data.Planning;
using HubPlanner.Data.Store;

namespace HubPlanner.Service.Jobs;

/// <summary>
/// Job kind <c>plan</c>: the whole pipeline (roads → placement → allocation → routing → coverage) on the job's
/// scenario, through the same <see cref="ScenarioPlanner.Plan"/> as <c>hubplanner plan</c>. Parameters are
/// optional overrides of the scenario's plan parameters (any key of <see cref="PlanParameters.Keys"/>, e.g.
/// <c>{"hubs": 6, "seed": 3}</c>) plus <c>"deterministic": true</c>, read by <see cref="PlanOverrides.FromJson"/>.
/// The result, its GeoPackage plan layers and its GeoJSON are written in the worker's completion transaction,
/// so a crashed or cancelled job leaves none of them behind.
/// </summary>
public class PlanJobHandler(IHubPlannerStore store) : IJobHandler
{
    /// <inheritdoc />
    public virtual string Kind => JobKinds.Plan;

    /// <summary>The last stage to run (null: the whole pipeline).</summary>
    protected virtual PlanStage? StopAfter => null;

    /// <inheritdoc />
    public IReadOnlyList<FieldError> Validate(JsonElement parameters, long? scenarioId)
    {
        try
        {
            _ = PlanOverrides.FromJson(parameters, StopAfter);
            return [];
        }
        catch (PlanOverrideException ex)
        {
            return [new FieldError(ex.Key.Length == 0 ? "params" : $"params.{ex.Key}", ex.Message)];
        }
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
        var scenario = (context.ScenarioId is { } id ? store.GetScenario(id) : null)
            ?? throw new JobFailedException($"scenario {context.ScenarioId} does not exist");
        context.Progress.Report(new JobProgress("load", 0, $"loading scenario '{scenario.Name}'"));
        PlannedScenario planned;
        try
        {
            var overrides = PlanOverrides.FromJson(context.Parameters, StopAfter);
            planned = new ScenarioPlanner(store).Plan(scenario.Name, overrides, new Progress(context.Progress), cancellationToken);
        }
        catch (PlanInfeasibleException ex)
        {
            // The explanation is the job's outcome: which constraints conflict, one sentence each.
            throw new JobFailedException($"infeasible plan: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is PlanningInputException or BadInputException or PlanOverrideException)
        {
            throw new JobFailedException($"scenario '{scenario.Name}' cannot be planned: {ex.Message}", ex);
        }

        // A plan whose stage had work and produced nothing (routing that delivered no order) is not a success: the job
        // fails naming the stage, as the CLI exits 4.
        if (planned.Result.StagesWithoutSolution is { Count: > 0 } empty)
        {
            throw new JobFailedException($"no solution from {string.Join(", ", empty.Select(st => $"{st.Stage} ({st.Message})"))}");
        }

        return JobOutcome.ForPlan(planned.Result, PlanGeoJson.Serialize(PlanGeoJson.Build(planned.Problem, planned.Result)));
    }

    private sealed class Progress(IProgress<JobProgress> target) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) =>
            target.Report(new JobProgress(value.Stage, value.Fraction, value.Message, value.Objective, value.Bound));
    }
}

/// <summary>Job kind <c>placement</c>: the road matrix and the placement model only (hubs, assignment, objective,
/// bound, gap); the same parameters as <c>plan</c>.</summary>
public sealed class PlacementJobHandler(IHubPlannerStore store) : PlanJobHandler(store)
{
    /// <inheritdoc />
    public override string Kind => JobKinds.Placement;

    /// <inheritdoc />
    protected override PlanStage? StopAfter => PlanStage.Placement;
}

/// <summary>Job kind <c>routing</c>: placement, allocation and delivery routing (no coverage); the same parameters as
/// <c>plan</c>.</summary>
public sealed class RoutingJobHandler(IHubPlannerStore store) : PlanJobHandler(store)
{
    /// <inheritdoc />
    public override string Kind => JobKinds.Routing;

    /// <inheritdoc />
    protected override PlanStage? StopAfter => PlanStage.Routing;
}
