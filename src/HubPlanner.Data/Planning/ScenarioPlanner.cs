using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;

namespace HubPlanner.Data.Planning;

/// <summary>A planned scenario: what was planned, the exact problem (overrides applied) and the result. Not yet saved.</summary>
public sealed record PlannedScenario(Scenario Scenario, PlanningProblem Problem, PlanResult Result);

/// <summary>
/// The one planner entry point. The CLI's <c>plan</c>, the service's plan/placement/routing jobs and future sweep
/// workers call <see cref="Plan"/>: load the scenario's problem, apply the run's overrides, find the parent's
/// latest plan (warm start, freeze), run the pipeline. Saving stays with the caller (the CLI through
/// <see cref="IPlanStore.SavePlan"/>, a job through its completion transaction).
/// </summary>
public sealed class ScenarioPlanner(IHubPlannerStore store)
{
    /// <summary>Stage names, in order, as they appear in progress events and the report.</summary>
    public static IReadOnlyList<string> StageNames => PlanPipeline.StageNames;

    /// <summary>Plans <paramref name="scenarioName"/> with <paramref name="overrides"/>.</summary>
    /// <exception cref="BadInputException">No scenario has that name.</exception>
    /// <exception cref="PlanningInputException">The scenario's data or edits are inconsistent.</exception>
    /// <exception cref="PlanOverrideException">An override is not valid (its key named).</exception>
    /// <exception cref="PlanInfeasibleException">A stage has no solution; the reasons name the constraints.</exception>
    public PlannedScenario Plan(string scenarioName, PlanOverrides overrides, IProgress<PlanProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var scenario = store.GetScenario(scenarioName) ?? throw new BadInputException($"No scenario named '{scenarioName}'.");
        var problem = store.LoadProblem(scenario.Name, cancellationToken);
        problem = problem with { Parameters = overrides.ApplyTo(problem.Parameters) };
        CheckHubCount(problem);
        var parent = scenario.ParentId is { } parentId ? store.GetScenario(parentId) : null;
        var parentPlan = parent is null ? null : store.LatestPlan(parent.Name);
        var options = new PlanRunOptions(scenario.Name, parentPlan, overrides.Deterministic, overrides.StopAfter);
        var result = PlanPipeline.Run(problem, options, progress, cancellationToken);
        return new PlannedScenario(scenario, problem, result);
    }

    /// <summary>More hubs than candidate sites cannot be opened: a hubs value that was set (scenario, edit or
    /// override) above the candidate count is an error naming the count, not a silent clamp. The default
    /// (<see cref="PlanParameters.Hubs"/> of a new instance) still adapts to a smaller dataset, and a frozen
    /// what-if keeps its parent's hubs whatever the value.</summary>
    /// <exception cref="PlanningInputException">hubs exceeds the candidate sites that are not forbidden.</exception>
    public static void CheckHubCount(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var p = problem.Parameters;
        int candidates = problem.Sites.Count(s => s.Status != HubPlanner.Core.Domain.SiteStatus.Forbidden);
        if (p.Hubs > candidates && !p.Freeze && p.Hubs != new PlanParameters().Hubs)
        {
            throw new PlanningInputException([
                $"parameter hubs is {problem.Parameters.Hubs}; the scenario has {candidates} candidate sites that are not forbidden, " +
                $"so hubs must be 1 to {candidates}"]);
        }
    }

}
