using HubPlanner.Core.Allocation;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;
using static HubPlanner.Core.Planning.ReportText;

namespace HubPlanner.Core.Planning;

/// <summary>Decides how many units of each sensor / effector type each open hub holds.</summary>
internal sealed class AllocationStage
{
    public required IReadOnlyList<HubAllocation> Units { get; init; }
    public required StageSummary Summary { get; init; }

    public static AllocationStage Run(PlanningProblem problem, IReadOnlyList<Site> open, AllocationPolicy policy, IProgress<PlanProgress>? progress,
        CancellationToken ct)
    {
        var p = problem.Parameters;
        var coverageTypes = problem.EquipmentTypes.Where(t => t.AirRadiusKm > 0 || t.CoastalRadiusKm > 0).ToList();
        if (policy.FrozenEquipment is { } parentEquipment)
        {
            // Keep the parent's equipment at the hubs that remain; the lost hub's equipment is lost with it.
            var openIds = open.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var kept = parentEquipment.Where(u => openIds.Contains(u.HubId) && coverageTypes.Any(t => t.Id == u.TypeId)).ToList();
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
        var cells = CoverageGrid.Build(problem.Zones, new CoverageGridOptions(p.CellKm), ct);
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
            new AllocationOptions(policy.Limits.TimeLimit, policy.Limits.Seed), relay, ct);
        if (result.Status is SolveStatus.Infeasible or SolveStatus.TimedOut)
        {
            var reasons = result.Diagnostics.Select(d => d.Sentence).DefaultIfEmpty(
                result.Status == SolveStatus.TimedOut ? $"no allocation was found within {policy.Limits.NominalTimeLimitS} s" : "no allocation fits the hub capacities").ToList();
            throw new PlanInfeasibleException("allocation", reasons);
        }

        double total = cells.Sum(c => c.Weight);
        var (units, extra) = RedundancyFill.Fill(instance, result);
        progress?.Report(new PlanProgress("allocation", 1, "equipment allocated", result.CoveredWeight, result.BestBound));
        return new AllocationStage
        {
            Units = units,
            Summary = new StageSummary("allocation",
                result.Status.ToStageStatus(), // Optimal or Feasible: the other two threw above
                result.CoveredWeight, double.IsFinite(result.BestBound) ? result.BestBound : null,
                double.IsFinite(result.Gap) ? 100 * result.Gap : null, 0,
                $"{result.Units.Sum(u => u.Units)} units at {result.Units.Select(u => u.HubId).Distinct().Count()} hubs cover " +
                $"{Num(100 * result.CoveredWeight / Math.Max(total, 1e-9), "0.#")} % of the weighted {Num(p.CellKm, "0")} km cells" +
                (extra > 0 ? $"; {extra} further units placed greedily for redundancy (cells covered 2–3 times) and hub point defence" : "")),
        };
    }
}
