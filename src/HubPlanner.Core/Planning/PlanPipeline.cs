using System.Diagnostics;
using HubPlanner.Core.Roads;

namespace HubPlanner.Core.Planning;

/// <summary>How a plan run relates to earlier plans.</summary>
/// <param name="Scenario">Name of the scenario being planned (for the report).</param>
/// <param name="Parent">The parent scenario's plan: its hubs warm-start placement, and with
/// <see cref="PlanParameters.Freeze"/> its hubs and equipment are kept as they are.</param>
/// <param name="Deterministic">Stop every search on solution or iteration limits instead of wall time, so that
/// the same seed gives the same plan on any machine (tests, golden files).</param>
/// <param name="StopAfter">Run only up to this stage; later stages are reported as skipped.</param>
public sealed record PlanRunOptions(string Scenario, PlanResult? Parent = null, bool Deterministic = false, PlanStage? StopAfter = null)
{
    /// <summary>Builds the travel-cost provider of a problem; null for the road network's
    /// (<see cref="PlanPipeline.RoadNetworkTravelCost"/>). Tests pass great-circle costs.</summary>
    public Func<PlanningProblem, ITravelCostProvider>? TravelCost { get; init; }
}

/// <summary>The plan is infeasible: which constraints conflict, one sentence each.</summary>
public sealed class PlanInfeasibleException(string stage, IReadOnlyList<string> reasons)
    : Exception($"{stage} is infeasible: " + string.Join(" ", reasons))
{
    /// <summary>The stage that found no solution.</summary>
    public string Stage { get; } = stage;

    /// <summary>Why, one sentence per conflicting constraint.</summary>
    public IReadOnlyList<string> Reasons { get; } = reasons;
}

/// <summary>
/// The main job: road matrix → placement → equipment allocation → delivery routing → coverage, over one
/// immutable <see cref="PlanningProblem"/>. Pure: no database, console or clock; progress and cancellation
/// are passed in. Every stage reports its solver status and gap in <see cref="PlanResult.Stages"/>.
/// </summary>
public static class PlanPipeline
{
    /// <summary>Stage names, in order, as they appear in progress events and the report.</summary>
    public static IReadOnlyList<string> StageNames { get; } = Enum.GetValues<PlanStage>().Select(Name).ToArray();

    /// <summary>A stage's name in progress events and the report ("roads", "placement", …).</summary>
    public static string Name(PlanStage stage) => stage.ToString().ToLowerInvariant();

    /// <summary>The default travel costs: the problem's road network.</summary>
    public static ITravelCostProvider RoadNetworkTravelCost(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new RoadTravelCost(RoadGraph.Create(problem.RoadNodes, problem.RoadEdges));
    }

    /// <summary>Runs the whole plan.</summary>
    /// <exception cref="PlanInfeasibleException">Placement or allocation has no solution; the reasons name the constraints.</exception>
    public static PlanResult Run(PlanningProblem problem, PlanRunOptions options, IProgress<PlanProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var p = problem.Parameters;
        var policy = PlanPolicy.Resolve(problem, options);
        var stages = new List<StageSummary>();
        StageSummary Skipped(PlanStage stage) =>
            new(Name(stage), StageStatus.Skipped, null, null, null, 0, $"not run (stopped after {Name(policy.StopAfter!.Value)})");

        // 1. Roads: snap every point, one matrix for placement and one for routing.
        var sw = Stopwatch.StartNew();
        progress?.Report(new PlanProgress("roads", 0, "building the road graph"));
        var travel = (options.TravelCost ?? RoadNetworkTravelCost)(problem);
        var roads = RoadStage.Build(problem, travel, cancellationToken);
        stages.Add(new StageSummary("roads", StageStatus.Optimal, null, null, null, sw.Elapsed.TotalSeconds,
            $"{problem.RoadNodes.Count} nodes, {problem.RoadEdges.Count} roads; {roads.Sites.Count} sites × {roads.Demand.Count} demand points; " +
            $"{roads.UnreachableSites.Count} site(s) and {roads.UnreachableDemand.Count} demand point(s) not reachable by road"));
        progress?.Report(new PlanProgress("roads", 1, "travel matrix ready"));

        // 2. Placement.
        sw.Restart();
        var placement = policy.Runs(PlanStage.Placement)
            ? PlacementStage.Run(problem, roads, policy.Placement, progress, cancellationToken)
            : PlacementStage.Skipped(Skipped(PlanStage.Placement));
        stages.Add(placement.Summary with { Seconds = sw.Elapsed.TotalSeconds });

        // 3. Allocation of typed equipment to the open hubs.
        sw.Restart();
        var allocation = policy.Runs(PlanStage.Allocation)
            ? AllocationStage.Run(problem, placement.OpenSites, policy.Allocation, progress, cancellationToken)
            : new AllocationStage { Units = [], Summary = Skipped(PlanStage.Allocation) };
        stages.Add(allocation.Summary with { Seconds = sw.Elapsed.TotalSeconds });

        // 4. Routing: equipment and supplies from the entry points to the hubs.
        sw.Restart();
        var routing = policy.Runs(PlanStage.Routing)
            ? RoutingStage.Run(problem, roads, placement, allocation, policy.Routing, progress, cancellationToken)
            : new RoutingStage { Routes = [], Unserved = [], Summary = Skipped(PlanStage.Routing) };
        stages.Add(routing.Summary with { Seconds = sw.Elapsed.TotalSeconds });

        // 5. Coverage of the deployment.
        sw.Restart();
        var coverage = policy.Runs(PlanStage.Coverage)
            ? CoverageStage.Run(problem, placement.OpenSites, allocation.Units, progress, cancellationToken)
            : new CoverageStage { Bands = [], Gaps = [], Losses = [], Summary = Skipped(PlanStage.Coverage) };
        stages.Add(coverage.Summary with { Seconds = sw.Elapsed.TotalSeconds });

        var threatMap = Theatre.ThreatMap.Create(problem.Data.Control, problem.Data.Threats);
        var hubs = placement.OpenSites.Select(site =>
        {
            var threat = threatMap.Assess(site.Id, site.Lon, site.Lat);
            var served = placement.Assignments.Where(a => a.SiteId == site.Id).ToList();
            var equipment = allocation.Units.Where(u => u.HubId == site.Id && u.Units > 0)
                .Select(u =>
                {
                    var type = problem.EquipmentTypes.First(t => t.Id == u.TypeId);
                    return new HubEquipment(u.TypeId, type.Name, u.Units, u.Units * type.WeightT);
                })
                .ToList();
            return new PlanHub(site.Id, site.Name, site.Kind.ToString().ToLowerInvariant(), site.Lon, site.Lat,
                placement.Reasons[site.Id], served.Count,
                served.Sum(a => problem.DemandPoints.First(d => d.Id == a.DemandId).Weight),
                site.StorageCapacityT, equipment)
            {
                HostileDistanceKm = threat.HostileDistanceKm is { } km ? Math.Round(km, 1) : null,
                ThreatRings = threat.Rings,
            };
        }).ToList();

        return new PlanResult
        {
            Scenario = options.Scenario,
            Seed = p.Seed,
            Model = p.Model,
            Stages = stages,
            Hubs = hubs,
            Ineligible = placement.Ineligible,
            Assignments = placement.Assignments,
            Routes = routing.Routes,
            Unserved = routing.Unserved,
            Coverage = coverage.Bands,
            Gaps = coverage.Gaps,
            Losses = coverage.Losses,
        };
    }
}
