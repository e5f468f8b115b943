namespace HubPlanner.Core.Placement;

/// <summary>The rows of <see cref="PlacementModelCatalog.Default"/>: one entry per built-in model.</summary>
internal static class BuiltInPlacementModels
{
    private const string CoveredWeight = "weight covered";

    public static System.Collections.Immutable.ImmutableArray<PlacementModelEntry> All() =>
    [
        PlacementModelEntry.FromRunner(PlacementModel.PMedian, ObjectiveSense.Minimise,
            (ctx, side, hint, run) => PMedianSolver.Solve(ctx, side, hint, run))
            with { NeedsHubs = true, Plannable = true, Objective = NearestCost },
        PlacementModelEntry.FromRunner(PlacementModel.PCenter, ObjectiveSense.Minimise,
            (ctx, side, hint, run) => PCenter.Solve(ctx, side, hint, run.Progress, run.Clock, run.Cancellation))
            with { NeedsHubs = true, Plannable = true },
        Covering(PlacementModel.Mclp, ObjectiveSense.Maximise, (ctx, side, hint, run) => CoveringSolver.CoveredAtLeast(ctx, side, hint, run, times: 1))
            with { NeedsHubs = true, Objective = (x, open) => CoveredAtLeast(x, open, 1) },
        Covering(PlacementModel.Lscp, ObjectiveSense.Minimise, CoveringSolver.SetCover)
            with
            {
                // Points no eligible site covers are reported unserved; the rest is covered.
                NonFatalDiagnostics = ["coverage"],
                Precheck = x => PlacementDiagnostics.UncoverablePoints(x.Context),
                Objective = (_, open) => open.Count,
            },
        PlacementModelEntry.FromRunner(PlacementModel.Cflp, ObjectiveSense.Minimise, CflpSolver.Solve)
            with { Capacity = PlacementCapacityUse.ServeAllWithin, Plannable = true, Precheck = x => PlacementDiagnostics.CapacityShortfalls(x.Context) },
        Covering(PlacementModel.RobustCoverage, ObjectiveSense.Maximise, CoveringSolver.Robust)
            with { NeedsHubs = true, Objective = WorstSingleLoss },
        Covering(PlacementModel.BackupCoverage, ObjectiveSense.Maximise, (ctx, side, hint, run) => CoveringSolver.CoveredAtLeast(ctx, side, hint, run, times: 2))
            with { NeedsHubs = true, Objective = (x, open) => CoveredAtLeast(x, open, 2) },
        Covering(PlacementModel.MaxCapacitatedCoverage, ObjectiveSense.Maximise,
                (ctx, side, hint, run) => PlacementModels.Capacitated(ctx, side, hint, run.Cancellation))
            with { Capacity = PlacementCapacityUse.LimitService, Plannable = false },
    ];

    /// <summary>A model that serves demand only within the service distance, measured in road km by a plan.</summary>
    private static PlacementModelEntry Covering(PlacementModel model, ObjectiveSense sense, PlacementRunner runner) =>
        PlacementModelEntry.FromRunner(model, sense, runner) with
        {
            NeedsServiceDistance = true,
            CostUnit = PlacementCostUnit.Distance,
            ObjectiveUnit = CoveredWeight,
            Plannable = true,
        };

    /// <summary>p-median: Σ weight × cost to the nearest open site, over the points some open site reaches.</summary>
    private static double NearestCost(PlacementInstance x, IReadOnlyList<int> open)
    {
        var p = x.Problem;
        return Enumerable.Range(0, p.DemandCount).Where(i => open.Any(j => double.IsFinite(p.Cost[j, i])))
            .Sum(i => p.Demand[i].Weight * open.Min(j => p.Cost[j, i]));
    }

    /// <summary>The weight of the points covered by at least <paramref name="times"/> open sites other than <paramref name="lost"/>.</summary>
    private static double CoveredAtLeast(PlacementInstance x, IReadOnlyList<int> open, int times, int lost = -1) =>
        Enumerable.Range(0, x.Problem.DemandCount)
            .Where(i => open.Count(j => j != lost && x.Covers(j, i)) >= times)
            .Sum(i => x.Problem.Demand[i].Weight);

    /// <summary>Robust coverage: the covered weight left after losing the worst single open site.</summary>
    private static double WorstSingleLoss(PlacementInstance x, IReadOnlyList<int> open) =>
        open.Min(k => CoveredAtLeast(x, open, 1, lost: k));
}
