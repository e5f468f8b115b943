using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;
using HubPlanner.Core.Roads;
using static HubPlanner.Core.Planning.ReportText;

namespace HubPlanner.Core.Planning;

/// <summary>Chooses the hubs: builds the placement instance from the road matrix and solves the chosen model.</summary>
internal sealed class PlacementStage
{
    public required IReadOnlyList<Site> OpenSites { get; init; }
    public required IReadOnlyList<PlanAssignment> Assignments { get; init; }
    public required IReadOnlyList<IneligibleSite> Ineligible { get; init; }
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }
    public required StageSummary Summary { get; init; }

    /// <summary>No hub opened: the run stopped before placement.</summary>
    public static PlacementStage Skipped(StageSummary summary) => new()
    {
        OpenSites = [],
        Assignments = [],
        Ineligible = [],
        Reasons = new Dictionary<string, string>(StringComparer.Ordinal),
        Summary = summary,
    };

    public static PlacementStage Run(PlanningProblem problem, RoadStage roads, PlacementPolicy policy, IProgress<PlanProgress>? progress,
        CancellationToken ct)
    {
        var p = problem.Parameters;
        var sites = roads.Sites;
        var candidates = sites.Select(s => new CandidateSite(s.Id, s.Name, s.FixedCost, s.StorageCapacityT, s.Status, s.Lon, s.Lat)).ToList();

        // Ineligible: forbidden (listed for the report), stand-off from exclusion zones, no road.
        var ineligible = new List<SiteIneligibility>();
        ineligible.AddRange(StandOff.Ineligible(candidates, problem.Zones, p.StandoffKm));
        AddFirst(ineligible, Theatre.ThreatMap.Create(problem.Data.Control, problem.Data.Threats).Ineligible(sites));
        AddFirst(ineligible, Theatre.UrbanAreas.Ineligible(sites, problem.Data.UrbanAreas, p.UrbanStandoffKm));
        foreach (var (id, why) in roads.UnreachableSites)
        {
            if (ineligible.All(i => i.SiteId != id))
            {
                ineligible.Add(new SiteIneligibility(id, why));
            }
        }

        var report = ineligible.Select(i => new IneligibleSite(i.SiteId, sites.First(s => s.Id == i.SiteId).Name, i.Reason))
            .Concat(problem.Sites.Where(s => s.Status == SiteStatus.Forbidden)
                .Select(s => new IneligibleSite(s.Id, s.Name, "forbidden by the scenario")))
            .ToList();

        // Demand points that no site reaches are left out and named in the summary.
        var demandIdx = Enumerable.Range(0, roads.Demand.Count).Where(j => !roads.UnreachableDemand.ContainsKey(roads.Demand[j].Id)).ToArray();
        var demand = demandIdx.Select(j => roads.Demand[j]).Select(d => new PlacementDemandPoint(d.Id, d.Name, d.Weight, d.DemandT)).ToList();
        var entry = PlacementModelCatalog.Default.Find(p.Model) is { Plannable: true } found
            ? found
            : throw new PlanningInputException([$"unknown model '{p.Model}'"]);
        bool covering = entry.CostUnit == PlacementCostUnit.Distance;

        // Cost: road minutes (p-median, p-center, CFLP) or road km (covering models, service distance in km).
        // Unreachable pairs get a cost no solution would choose over a reachable one.
        var matrix = roads.SiteToDemand;
        double worst = 0;
        for (int i = 0; i < sites.Count; i++)
        {
            foreach (int j in demandIdx)
            {
                if (matrix.IsReachable(i, j))
                {
                    worst = Math.Max(worst, covering ? matrix.Metres(i, j) / 1000 : matrix.Seconds(i, j) / 60);
                }
            }
        }

        double unreachableCost = 10 * (worst + 1);
        var cost = new double[sites.Count, demand.Count];
        for (int i = 0; i < sites.Count; i++)
        {
            for (int k = 0; k < demandIdx.Length; k++)
            {
                int j = demandIdx[k];
                cost[i, k] = !matrix.IsReachable(i, j) ? unreachableCost : covering ? matrix.Metres(i, j) / 1000 : matrix.Seconds(i, j) / 60;
            }
        }

        PlacementResult result;
        if (policy.FrozenHubIds is { } frozenHubs)
        {
            // Keep the parent's hubs that still exist: answers "what do we lose if …" exactly. Every site is forced
            // or forbidden, so the solve only checks the kept set, under the nominal limit.
            var kept = candidates.Select(c => frozenHubs.Contains(c.Id) ? c with { Status = SiteStatus.Forced } : c with { Status = SiteStatus.Forbidden }).ToList();
            var frozen = PlacementProblem.Create(kept, demand, cost, null, null);
            result = PlacementSolver.Solve(frozen, new PlacementOptions(PlacementModel.PMedian, Hubs: frozenHubs.Count,
                TimeLimit: TimeSpan.FromSeconds(policy.Limits.NominalTimeLimitS), Seed: policy.Limits.Seed), null, ct);
        }
        else
        {
            var instance = PlacementProblem.Create(candidates, demand, cost, null, ineligible);
            var placementOptions = new PlacementOptions(
                entry.Model,
                Hubs: entry.NeedsHubs ? p.Hubs : null,
                ServiceDistance: entry.NeedsServiceDistance ? p.ServiceKm : null,
                SingleSource: entry.Capacity != PlacementCapacityUse.None,
                Budget: p.Budget,
                MaxHubs: entry.NeedsHubs ? null : p.Hubs,
                MinSpacingKm: p.MinSpacingKm > 0 ? p.MinSpacingKm : null,
                TimeLimit: policy.Limits.TimeLimit,
                Seed: policy.Limits.Seed,
                WarmStartOpenSiteIds: policy.WarmStartHubIds);
            var relay = progress is null ? null : new Progress<PlacementProgress>(x =>
                progress.Report(new PlanProgress("placement", 0.5, x.Phase, x.Objective, x.Bound)));
            progress?.Report(new PlanProgress("placement", 0, $"solving {p.Model} over {sites.Count} sites and {demand.Count} demand points"));
            result = PlacementSolver.Solve(instance, placementOptions, relay, ct);
        }

        if (!result.HasSolution)
        {
            var reasons = result.Diagnostics.Select(d => d.Sentence).ToList();
            if (reasons.Count == 0)
            {
                reasons.Add(result.Status == SolveStatus.TimedOut
                    ? $"no feasible hub set was found within {policy.Limits.NominalTimeLimitS} s"
                    : "the solver proved that no hub set satisfies every constraint");
            }

            throw new PlanInfeasibleException("placement", reasons);
        }

        var open = result.OpenSiteIds.Select(id => sites.First(s => s.Id == id)).ToList();
        progress?.Report(new PlanProgress("placement", 1, $"{open.Count} hubs open", result.Objective, result.BestBound));

        // Each reachable demand point goes to the hub the model assigned (largest share), else the nearest open hub.
        var siteIndex = Enumerable.Range(0, sites.Count).ToDictionary(i => sites[i].Id, StringComparer.Ordinal);
        var assignments = new List<PlanAssignment>();
        foreach (int j in demandIdx)
        {
            var d = roads.Demand[j];
            var assigned = result.Assignments.Where(a => a.DemandId == d.Id).OrderByDescending(a => a.Fraction).FirstOrDefault()?.SiteId;
            int best = assigned is not null
                ? siteIndex[assigned]
                : open.Select(o => siteIndex[o.Id])
                    .Where(i => matrix.IsReachable(i, j)).DefaultIfEmpty(-1).MinBy(i => i < 0 ? double.MaxValue : matrix.Seconds(i, j));
            if (best < 0 || !matrix.IsReachable(best, j))
            {
                continue;
            }

            var site = sites[best];
            var (geometry, _, _) = roads.Route(new GeoPoint(site.Id, site.Name, site.Lon, site.Lat), new GeoPoint(d.Id, d.Name, d.Lon, d.Lat), ct);
            assignments.Add(new PlanAssignment(d.Id, d.Name, site.Id, matrix.Metres(best, j) / 1000, matrix.Seconds(best, j) / 60, geometry));
        }

        var reasonsBySite = open.ToDictionary(s => s.Id, s => Reason(s, assignments, problem, policy), StringComparer.Ordinal);
        string unit = entry.ObjectiveUnit;
        double? gapPct = double.IsFinite(result.Gap) ? 100 * result.Gap : null;
        string message = policy.IsFrozen
            ? $"kept the parent's {open.Count} hubs (freeze)"
            : $"{p.Model}: {open.Count} hubs, objective {Num(result.Objective, "0.##")} {unit}" +
              (result.Unserved.Count > 0 ? $"; {result.Unserved.Count} demand point(s) not served" : "") +
              (roads.UnreachableDemand.Count > 0 ? $"; left out (no road): {string.Join(", ", roads.UnreachableDemand.Keys)}" : "");
        return new PlacementStage
        {
            OpenSites = open,
            Assignments = assignments,
            Ineligible = report,
            Reasons = reasonsBySite,
            Summary = new StageSummary("placement", result.Status.ToStageStatus(), result.Objective, double.IsFinite(result.BestBound) ? result.BestBound : null,
                gapPct, 0, message),
        };
    }

    /// <summary>Adds the reasons for sites not yet ineligible: a site keeps the first reason found.</summary>
    private static void AddFirst(List<SiteIneligibility> ineligible, IEnumerable<SiteIneligibility> more)
    {
        foreach (var i in more)
        {
            if (ineligible.All(x => x.SiteId != i.SiteId))
            {
                ineligible.Add(i);
            }
        }
    }

    private static string Reason(Site site, IReadOnlyList<PlanAssignment> assignments, PlanningProblem problem, PlacementPolicy policy)
    {
        var p = problem.Parameters;
        var mine = assignments.Where(a => a.SiteId == site.Id).ToList();
        string service = mine.Count == 0
            ? "serves no demand point directly"
            : $"serves {mine.Count} demand point(s) ({string.Join(", ", mine.OrderByDescending(a => problem.DemandPoints.First(d => d.Id == a.DemandId).Weight).Take(3).Select(a => a.DemandName))}" +
              $"{(mine.Count > 3 ? ", …" : "")}), mean {Num(mine.Average(a => a.Minutes), "0")} min by road";
        string why = site.Status switch
        {
            SiteStatus.Forced => "forced by the scenario",
            SiteStatus.Existing => "existing hub, kept open",
            _ when policy.IsFrozen => "kept from the parent plan",
            _ => $"chosen by {p.Model}",
        };
        return $"{why}; {service}";
    }
}
