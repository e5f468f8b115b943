using HubPlanner.Core.Allocation;

namespace HubPlanner.Core.Planning;

/// <summary>The stages of a plan, in the order they run.</summary>
public enum PlanStage { Roads, Placement, Allocation, Routing, Coverage }

/// <summary>How long and with which seed one solver stage searches.</summary>
/// <param name="TimeLimit">Wall-time limit; null when the stage stops on its own (proof, solution or iteration limits).</param>
/// <param name="SolutionLimit">Stop after this many solutions (deterministic routing); null for none.</param>
/// <param name="Seed">Seed of the stage's randomised search.</param>
/// <param name="NominalTimeLimitS">The time limit the parameters set, before any what-if cap: what messages quote.</param>
public sealed record SolverLimits(TimeSpan? TimeLimit, long? SolutionLimit, int Seed, double NominalTimeLimitS);

/// <summary>How placement runs.</summary>
/// <param name="WarmStartHubIds">The parent plan's hubs that are still eligible, as a warm start; null without a parent.</param>
/// <param name="FrozenHubIds">With <see cref="PlanParameters.Freeze"/> and a parent: the parent's hubs that are still eligible,
/// kept as they are instead of re-optimising; null otherwise.</param>
public sealed record PlacementPolicy(SolverLimits Limits, IReadOnlyList<string>? WarmStartHubIds, IReadOnlyList<string>? FrozenHubIds)
{
    /// <summary>True when the parent's hubs are kept as they are.</summary>
    public bool IsFrozen => FrozenHubIds is not null;
}

/// <summary>How allocation runs.</summary>
/// <param name="FrozenEquipment">With <see cref="PlanParameters.Freeze"/> and a parent: the parent's equipment per hub, kept
/// at the hubs that remain; null otherwise.</param>
public sealed record AllocationPolicy(SolverLimits Limits, IReadOnlyList<HubAllocation>? FrozenEquipment)
{
    /// <summary>True when the parent's equipment is kept as it is.</summary>
    public bool IsFrozen => FrozenEquipment is not null;
}

/// <summary>
/// Everything about a plan run that is policy rather than data, resolved once from the parameters and the run
/// options: each stage's limits and seed (deterministic mode; the what-if cap when re-planning from a parent),
/// the warm start and the frozen hubs and equipment taken from the parent, and where to stop.
/// </summary>
public sealed record PlanPolicy(PlacementPolicy Placement, AllocationPolicy Allocation, SolverLimits Routing, PlanStage? StopAfter)
{
    /// <summary>Solution limit of a deterministic routing search.</summary>
    public const long DeterministicRoutingSolutions = 30;

    /// <summary>Wall-time floor of a deterministic routing search, s: it stops on the solution limit, the floor
    /// only guards against a search that never reaches it.</summary>
    public const double DeterministicRoutingFloorS = 60;

    /// <summary>True unless the run stops before <paramref name="stage"/>.</summary>
    public bool Runs(PlanStage stage) => StopAfter is not { } last || stage <= last;

    /// <summary>Resolves the policy of a run.</summary>
    public static PlanPolicy Resolve(PlanningProblem problem, PlanRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var p = problem.Parameters;
        var parent = options.Parent;

        // What-if re-plans (warm-started from a planned parent) are capped at whatif_time_limit_s, so an edit is
        // answered in seconds; deterministic runs stop on proof or solution limits, never on wall time.
        TimeSpan Capped(double limitS) => TimeSpan.FromSeconds(parent is null ? limitS : Math.Min(limitS, p.WhatIfTimeLimitS));
        SolverLimits Exact(double limitS) => new(options.Deterministic ? null : Capped(limitS), null, p.Seed, limitS);

        var routing = options.Deterministic
            ? new SolverLimits(TimeSpan.FromSeconds(Math.Max(DeterministicRoutingFloorS, p.RoutingTimeLimitS)), DeterministicRoutingSolutions, p.Seed, p.RoutingTimeLimitS)
            : new SolverLimits(Capped(p.RoutingTimeLimitS), null, p.Seed, p.RoutingTimeLimitS);

        var eligible = problem.EligibleSites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var parentHubs = parent?.Hubs.Select(h => h.SiteId).Where(eligible.Contains).ToList();
        bool frozen = p.Freeze && parent is not null;
        var frozenEquipment = frozen
            ? parent!.Hubs.SelectMany(h => h.Equipment.Select(e => new HubAllocation(h.SiteId, e.EquipmentTypeId, e.Quantity, e.WeightT))).ToList()
            : null;

        return new PlanPolicy(
            new PlacementPolicy(Exact(p.PlacementTimeLimitS), frozen ? null : parentHubs, frozen ? parentHubs : null),
            new AllocationPolicy(Exact(p.AllocationTimeLimitS), frozenEquipment),
            routing,
            options.StopAfter);
    }
}
