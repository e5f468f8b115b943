using HubPlanner.Core.Allocation;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;
using static HubPlanner.Core.Planning.PlanPipeline;

namespace HubPlanner.Core.Planning;

/// <summary>Decides how many units of each sensor / effector type each open hub holds.</summary>
internal sealed class AllocationStage
{
    public required IReadOnlyList<HubAllocation> Units { get; init; }
    public required StageSummary Summary { get; init; }

    /// <summary>
    /// The MIP maximises weight covered at least once, so units that add no first cover stay in stock. A planner
    /// deploys them anyway: place each remaining unit, heaviest cover first, where it adds the most weight of
    /// cells covered fewer than three times, within hub capacity. Greedy, deterministic (ties by hub order).
    /// </summary>
    private static (IReadOnlyList<HubAllocation> Units, int Extra) FillForRedundancy(AllocationProblem instance, AllocationResult result)
    {
        int nh = instance.Hubs.Count, nt = instance.Types.Count, nc = instance.Cells.Count;
        var n = new int[nh, nt];
        var load = new double[nh];
        var count = new int[nc];
        foreach (var u in result.Units)
        {
            int h = instance.Hubs.ToList().FindIndex(x => x.Id == u.HubId), t = instance.Types.ToList().FindIndex(x => x.TypeId == u.TypeId);
            n[h, t] += u.Units;
            load[h] += u.Units * instance.Types[t].WeightT;
            for (int c = 0; c < nc; c++)
            {
                count[c] += instance.Covers[h, t, c] ? u.Units : 0;
            }
        }

        int extra = 0;
        for (int t = 0; t < nt; t++)
        {
            int left = instance.Types[t].Inventory - Enumerable.Range(0, nh).Sum(h => n[h, t]);
            while (left > 0)
            {
                int best = -1;
                double bestGain = 0;
                for (int h = 0; h < nh; h++)
                {
                    if (load[h] + instance.Types[t].WeightT > instance.Hubs[h].CapacityT + 1e-9)
                    {
                        continue;
                    }

                    double gain = 0;
                    for (int c = 0; c < nc; c++)
                    {
                        if (instance.Covers[h, t, c] && count[c] < 3)
                        {
                            gain += instance.Cells[c].Weight / (1 + count[c]);
                        }
                    }

                    if (gain > bestGain + 1e-12)
                    {
                        best = h;
                        bestGain = gain;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                n[best, t]++;
                load[best] += instance.Types[t].WeightT;
                for (int c = 0; c < nc; c++)
                {
                    count[c] += instance.Covers[best, t, c] ? 1 : 0;
                }

                left--;
                extra++;
            }
        }

        // Units that add no area cover at all (short-range air defence, whose radius is below the cell spacing)
        // protect the hubs themselves: spread them round-robin over the hubs that still have room.
        for (int t = 0; t < nt; t++)
        {
            if (instance.Types[t].AirRadiusKm <= 0)
            {
                continue; // a coastal radar far from the coast protects nothing: it stays in stock
            }

            int left = instance.Types[t].Inventory - Enumerable.Range(0, nh).Sum(h => n[h, t]);
            for (int round = 0; left > 0 && round < instance.Types[t].Inventory; round++)
            {
                bool placed = false;
                for (int h = 0; h < nh && left > 0; h++)
                {
                    if (load[h] + instance.Types[t].WeightT <= instance.Hubs[h].CapacityT + 1e-9)
                    {
                        n[h, t]++;
                        load[h] += instance.Types[t].WeightT;
                        left--;
                        extra++;
                        placed = true;
                    }
                }

                if (!placed)
                {
                    break;
                }
            }
        }

        var units = new List<HubAllocation>();
        for (int h = 0; h < nh; h++)
        {
            for (int t = 0; t < nt; t++)
            {
                if (n[h, t] > 0)
                {
                    units.Add(new HubAllocation(instance.Hubs[h].Id, instance.Types[t].TypeId, n[h, t], n[h, t] * instance.Types[t].WeightT));
                }
            }
        }

        return (units, extra);
    }

    public static AllocationStage Run(PlanningProblem problem, IReadOnlyList<Site> open, PlanRunOptions options, IProgress<PlanProgress>? progress,
        CancellationToken ct)
    {
        var p = problem.Parameters;
        var coverageTypes = problem.EquipmentTypes.Where(t => t.AirRadiusKm > 0 || t.CoastalRadiusKm > 0).ToList();
        if (p.Freeze && options.Parent is not null)
        {
            // Keep the parent's equipment at the hubs that remain; the lost hub's equipment is lost with it.
            var openIds = open.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var kept = options.Parent.Hubs.Where(h => openIds.Contains(h.SiteId))
                .SelectMany(h => h.Equipment.Where(e => coverageTypes.Any(t => t.Id == e.EquipmentTypeId))
                    .Select(e => new HubAllocation(h.SiteId, e.EquipmentTypeId, e.Quantity, e.WeightT)))
                .ToList();
            return new AllocationStage
            {
                Units = kept,
                Summary = new StageSummary("allocation", StageStatus.Skipped, null, null, null, 0,
                    $"kept the parent's equipment at the {openIds.Count} remaining hubs (freeze): {kept.Sum(u => u.Units)} units"),
            };
        }

        var stock = problem.Inventory.GroupBy(i => i.EquipmentTypeId).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity), StringComparer.Ordinal);
        var types = coverageTypes
            .Select(t => new AllocationEquipment(t.Id, t.Name, t.WeightT, t.AirRadiusKm, t.CoastalRadiusKm, stock.GetValueOrDefault(t.Id)))
            .Where(t => t.Inventory > 0)
            .ToList();
        var hubs = open.Select(s => new AllocationHub(s.Id, s.Name, s.Lon, s.Lat, s.StorageCapacityT)).ToList();
        var cells = CoverageGrid.Build(problem.Zones, new CoverageGridOptions(p.CellKm));
        if (types.Count == 0 || hubs.Count == 0 || cells.Count == 0)
        {
            return new AllocationStage
            {
                Units = [],
                Summary = new StageSummary("allocation", StageStatus.Skipped, null, null, null, 0,
                    types.Count == 0 ? "no sensor or air-defence inventory to allocate" : cells.Count == 0 ? "no airspace or coastal zone to cover" : "no open hub"),
            };
        }

        progress?.Report(new PlanProgress("allocation", 0, $"allocating {types.Sum(t => t.Inventory)} units of {types.Count} types over {cells.Count} cells"));
        var instance = AllocationProblem.Create(types, hubs, cells);
        var relay = progress is null ? null : new Progress<PlacementProgress>(x =>
            progress.Report(new PlanProgress("allocation", 0.5, x.Phase, x.Objective, x.Bound)));
        var result = AllocationSolver.Solve(instance,
            new AllocationOptions(options.Deterministic ? null : Limit(p.AllocationTimeLimitS, options, p), p.Seed), relay, ct);
        if (result.Status is PlacementStatus.Infeasible or PlacementStatus.TimedOut)
        {
            var reasons = result.Diagnostics.Select(d => d.Sentence).DefaultIfEmpty(
                result.Status == PlacementStatus.TimedOut ? $"no allocation was found within {p.AllocationTimeLimitS} s" : "no allocation fits the hub capacities").ToList();
            throw new PlanInfeasibleException("allocation", reasons);
        }

        double total = cells.Sum(c => c.Weight);
        var (units, extra) = FillForRedundancy(instance, result);
        progress?.Report(new PlanProgress("allocation", 1, "equipment allocated", result.CoveredWeight, result.BestBound));
        return new AllocationStage
        {
            Units = units,
            Summary = new StageSummary("allocation",
                result.Status == PlacementStatus.Optimal ? StageStatus.Optimal : StageStatus.Feasible,
                result.CoveredWeight, double.IsFinite(result.BestBound) ? result.BestBound : null,
                double.IsFinite(result.Gap) ? 100 * result.Gap : null, 0,
                $"{result.Units.Sum(u => u.Units)} units at {result.Units.Select(u => u.HubId).Distinct().Count()} hubs cover " +
                $"{Num(100 * result.CoveredWeight / Math.Max(total, 1e-9), "0.#")} % of the weighted {Num(p.CellKm, "0")} km cells" +
                (extra > 0 ? $"; {extra} further units placed greedily for redundancy (cells covered 2–3 times) and hub point defence" : "")),
        };
    }
}
