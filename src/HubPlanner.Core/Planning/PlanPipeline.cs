using System.Diagnostics;
using System.Globalization;
using HubPlanner.Core.Allocation;
using HubPlanner.Core.Coverage;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Placement;
using HubPlanner.Core.Roads;
using HubPlanner.Core.Routing;
using NetTopologySuite.Geometries;
using RoadMatrix = HubPlanner.Core.Roads.TravelMatrix;
using RoutingMatrix = HubPlanner.Core.Routing.TravelMatrix;

namespace HubPlanner.Core.Planning;

/// <summary>How a plan run relates to earlier plans.</summary>
/// <param name="Scenario">Name of the scenario being planned (for the report).</param>
/// <param name="Parent">The parent scenario's plan: its hubs warm-start placement, and with
/// <see cref="PlanParameters.Freeze"/> its hubs and equipment are kept as they are.</param>
/// <param name="Deterministic">Stop every search on solution or iteration limits instead of wall time, so that
/// the same seed gives the same plan on any machine (tests, golden files).</param>
/// <param name="StopAfter">Run only up to this stage ("placement" or "routing"); later stages are reported as skipped.</param>
public sealed record PlanRunOptions(string Scenario, PlanResult? Parent = null, bool Deterministic = false, string? StopAfter = null);

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
    public static IReadOnlyList<string> StageNames { get; } = ["roads", "placement", "allocation", "routing", "coverage"];

    /// <summary>Runs the whole plan.</summary>
    /// <exception cref="PlanInfeasibleException">Placement or allocation has no solution; the reasons name the constraints.</exception>
    public static PlanResult Run(PlanningProblem problem, PlanRunOptions options, IProgress<PlanProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var p = problem.Parameters;
        var stages = new List<StageSummary>();

        // 1. Roads: snap every point, one matrix for placement and one for routing.
        var sw = Stopwatch.StartNew();
        progress?.Report(new PlanProgress("roads", 0, "building the road graph"));
        var roads = RoadStage.Build(problem, cancellationToken);
        stages.Add(new StageSummary("roads", StageStatus.Optimal, null, null, null, sw.Elapsed.TotalSeconds,
            $"{problem.RoadNodes.Count} nodes, {problem.RoadEdges.Count} roads; {roads.Sites.Count} sites × {roads.Demand.Count} demand points; " +
            $"{roads.UnreachableSites.Count} site(s) and {roads.UnreachableDemand.Count} demand point(s) not reachable by road"));
        progress?.Report(new PlanProgress("roads", 1, "travel matrix ready"));

        // 2. Placement.
        sw.Restart();
        var placement = PlacementStage.Run(problem, roads, options, progress, cancellationToken);
        stages.Add(placement.Summary with { Seconds = sw.Elapsed.TotalSeconds });

        bool placementOnly = options.StopAfter == "placement", upToRouting = placementOnly || options.StopAfter == "routing";
        StageSummary Skipped(string stage) => new(stage, StageStatus.Skipped, null, null, null, 0, $"not run (stopped after {options.StopAfter})");

        // 3. Allocation of typed equipment to the open hubs.
        sw.Restart();
        var allocation = placementOnly
            ? new AllocationStage { Units = [], Summary = Skipped("allocation") }
            : AllocationStage.Run(problem, placement.OpenSites, options, progress, cancellationToken);
        stages.Add(allocation.Summary with { Seconds = sw.Elapsed.TotalSeconds });

        // 4. Routing: equipment and supplies from the entry points to the hubs.
        sw.Restart();
        var routing = placementOnly
            ? new RoutingStage { Routes = [], Unserved = [], Summary = Skipped("routing") }
            : RoutingStage.Run(problem, roads, placement, allocation, options, progress, cancellationToken);
        stages.Add(routing.Summary with { Seconds = sw.Elapsed.TotalSeconds });

        // 5. Coverage of the deployment.
        sw.Restart();
        var coverage = upToRouting
            ? new CoverageStage { Bands = [], Gaps = [], Losses = [], Summary = Skipped("coverage") }
            : CoverageStage.Run(problem, placement.OpenSites, allocation.Units, progress, cancellationToken);
        stages.Add(coverage.Summary with { Seconds = sw.Elapsed.TotalSeconds });

        var hubs = placement.OpenSites.Select(site =>
        {
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
                site.StorageCapacityT, equipment);
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

    /// <summary>A stage's time limit: what-if re-plans (warm-started from a planned parent) are capped at
    /// <see cref="PlanParameters.WhatIfTimeLimitS"/>, so an edit is answered in seconds.</summary>
    internal static TimeSpan Limit(double stageLimitS, PlanRunOptions options, PlanParameters p) =>
        TimeSpan.FromSeconds(options.Parent is null ? stageLimitS : Math.Min(stageLimitS, p.WhatIfTimeLimitS));

    internal static string Num(double v, string format = "0.#") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Road graph, snapped points and the matrices every later stage needs.</summary>
    internal sealed class RoadStage
    {
        public required RoadTravelCost Travel { get; init; }
        public required VehicleType? Heaviest { get; init; }
        public required IReadOnlyList<Site> Sites { get; init; }
        public required IReadOnlyList<DemandPoint> Demand { get; init; }
        public required RoadMatrix SiteToDemand { get; init; }
        public required IReadOnlyDictionary<string, string> UnreachableSites { get; init; }
        public required IReadOnlyDictionary<string, string> UnreachableDemand { get; init; }

        public static RoadStage Build(PlanningProblem problem, CancellationToken ct)
        {
            var graph = RoadGraph.Create(problem.RoadNodes, problem.RoadEdges);
            var travel = new RoadTravelCost(graph);
            var heaviest = problem.VehicleTypes.OrderByDescending(v => v.GrossWeightT).FirstOrDefault();
            var sites = problem.Sites.Where(s => s.Status != SiteStatus.Forbidden).ToList();
            var sitePoints = sites.Select(s => new GeoPoint(s.Id, s.Name, s.Lon, s.Lat)).ToList();
            var demandPoints = problem.DemandPoints.Select(d => new GeoPoint(d.Id, d.Name, d.Lon, d.Lat)).ToList();
            var matrix = travel.Compute(sitePoints, demandPoints, null, ct);

            // A site is unreachable when it reaches no demand point at all; a demand point when no site reaches it.
            var unreachableSites = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < sitePoints.Count; i++)
            {
                if (demandPoints.Count > 0 && Enumerable.Range(0, demandPoints.Count).All(j => !matrix.IsReachable(i, j)))
                {
                    var why = matrix.Unreachable.FirstOrDefault(u => u.FromId == sitePoints[i].Id)?.Reason ?? "no road connects it to any demand point";
                    unreachableSites[sitePoints[i].Id] = $"not reachable by road: {why}";
                }
            }

            var unreachableDemand = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int j = 0; j < demandPoints.Count; j++)
            {
                if (Enumerable.Range(0, sitePoints.Count).All(i => !matrix.IsReachable(i, j) || unreachableSites.ContainsKey(sitePoints[i].Id)))
                {
                    var why = matrix.Unreachable.FirstOrDefault(u => u.ToId == demandPoints[j].Id)?.Reason ?? "no road from any site";
                    unreachableDemand[demandPoints[j].Id] = $"not reachable by road: {why}";
                }
            }

            return new RoadStage
            {
                Travel = travel,
                Heaviest = heaviest,
                Sites = sites,
                Demand = problem.DemandPoints,
                SiteToDemand = matrix,
                UnreachableSites = unreachableSites,
                UnreachableDemand = unreachableDemand,
            };
        }

        /// <summary>The road route between two points for the heaviest vehicle (legal for every vehicle), or a straight line.</summary>
        public (LineString Geometry, double Km, double Minutes) Route(GeoPoint from, GeoPoint to, CancellationToken ct)
        {
            var r = Travel.Route(from, to, Heaviest, ct);
            if (r.Route is { } route)
            {
                return (route.Geometry, route.DistanceKm, route.TimeMin);
            }

            var line = GeoFactory.Wgs84.CreateLineString([new Coordinate(from.Lon, from.Lat), new Coordinate(to.Lon, to.Lat)]);
            return (line, double.NaN, double.NaN);
        }
    }
}
