namespace HubPlanner.Core.Placement;

/// <summary>
/// The p-median model's solve: greedy + interchange heuristic, then (plain instances) a Lagrangian bound with
/// reduced-cost fixing and a Lagrangian branch and bound, and the exact radius MIP on what is left.
/// </summary>
internal static class PMedianSolver
{
    public static ModelSolution Solve(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, PlacementRun run)
    {
        var (progress, sw, ct) = (run.Progress, run.Clock, run.Cancellation);

        // The heuristic ignores spacing and budget; its solution is used only when it satisfies them.
        // A warm start (what-if re-plan) seeds the greedy + interchange, whose local optimum becomes the incumbent.
        double? heuristic = null;
        if (ctx.Options.HubLimit is { } p)
        {
            var (open, value) = PMedianHeuristic.Solve(ctx, p, hint, ct);
            if (PlacementSolver.SatisfiesSide(ctx, open, side))
            {
                hint = open;
                heuristic = value;
                progress?.Report(new PlacementProgress("heuristic", value, null, sw.Elapsed));
            }
        }

        // Plain p-median (no spacing, budget): Lagrangian bound and reduced-cost fixing before the exact model.
        if (IsPlain(ctx, side) && heuristic is { } ub && ctx.Options.HubLimit is { } hubs)
        {
            return SolvePlain(ctx, side, hubs, hint!, ub, run) with { HeuristicObjective = heuristic };
        }

        return PlacementModels.PMedian(ctx, side, hint, ct) with { HeuristicObjective = heuristic };
    }

    /// <summary>No spacing or budget to impose, and every demand point reachable from an eligible site
    /// (the MIP leaves unreachable points unserved; the Lagrangian path assumes none).</summary>
    private static bool IsPlain(PlacementContext ctx, SideConstraints side) =>
        (ctx.SpacingConflicts.Count == 0 || (side & SideConstraints.Spacing) == 0)
        && (ctx.Options.Budget is null || (side & SideConstraints.Budget) == 0)
        && Enumerable.Range(0, ctx.Problem.DemandCount).All(i => Enumerable.Range(0, ctx.Problem.SiteCount)
            .Any(j => ctx.Eligible[j] && double.IsFinite(ctx.Problem.Cost[j, i])));

    /// <summary>
    /// From the heuristic incumbent <paramref name="hint"/> worth <paramref name="ub"/>: the Lagrangian bound (which may
    /// prove it optimal), its branch and bound on the sites the reduced costs leave, and the radius MIP on those sites
    /// for whatever time is left.
    /// </summary>
    private static ModelSolution SolvePlain(PlacementContext ctx, SideConstraints side, int hubs, IReadOnlyList<int> hint, double ub, PlacementRun run)
    {
        var (progress, sw, ct) = (run.Progress, run.Clock, run.Cancellation);
        bool integral = IsIntegral(ctx);
        var lr = PMedianLagrangian.Run(ctx, hubs, hint.ToArray(), ub, integral, ct);
        ub = lr.UpperBound;
        hint = lr.BestOpen;
        progress?.Report(new PlacementProgress(
            $"lagrangian ({lr.Iterations} iterations, {lr.FixedClosed.Count(f => f)} sites fixed closed, {lr.FixedOpen.Count(f => f)} open)", ub, lr.LowerBound, sw.Elapsed));
        double tol = 1e-9 * Math.Max(1, Math.Abs(ub));
        if (lr.LowerBound >= ub - tol || (integral && Math.Ceiling(lr.LowerBound - 1e-7) >= ub))
        {
            var proven = new MipOutcome(SolveStatus.Optimal, ub, Math.Min(ub, integral ? Math.Ceiling(lr.LowerBound - 1e-7) : lr.LowerBound), 0, sw.Elapsed, 0, 0);
            return new ModelSolution(proven, hint.ToArray(), Engine: "lagrangian bound");
        }

        var eligible = ctx.Eligible.Select((e, j) => e && !lr.FixedClosed[j]).ToArray();
        var must = ctx.MustOpen.Select((f, j) => (f && ctx.Eligible[j]) || lr.FixedOpen[j]).ToArray();
        var reduced = ctx.WithFixings(eligible, must);
        var share = ctx.Options.TimeLimit is { } all ? (all - sw.Elapsed) * 0.7 : (TimeSpan?)null;
        var bb = PMedianBranchAndBound.Run(ctx, hubs, eligible, must, lr.Lambda, ub, hint.ToArray(), integral, share, ct);
        progress?.Report(new PlacementProgress($"lagrangian branch and bound ({bb.Nodes} nodes)", bb.UpperBound, bb.LowerBound, sw.Elapsed));
        if (bb.Proven)
        {
            var proven = new MipOutcome(SolveStatus.Optimal, bb.UpperBound, bb.UpperBound, bb.Nodes, sw.Elapsed, 0, 0);
            return new ModelSolution(proven, bb.Incumbent, Engine: "lagrangian branch and bound");
        }

        ub = bb.UpperBound;
        hint = bb.Incumbent;
        var left = ctx.Options.TimeLimit is { } limit ? limit - sw.Elapsed : (TimeSpan?)null;
        var sol = PlacementModels.PMedian(reduced, side, hint, ct, left is { } l && l < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : left);
        var o = sol.Outcome;
        double bound = Math.Max(lr.LowerBound, bb.LowerBound);
        bound = double.IsFinite(o.Bound) ? Math.Max(o.Bound, bound) : bound;
        if (o.Status is not (SolveStatus.Optimal or SolveStatus.Feasible) || o.Objective > ub + tol)
        {
            // The exact model found nothing better in time: keep the heuristic solution.
            var keep = new MipOutcome(SolveStatus.Feasible, ub, Math.Min(bound, ub), o.Nodes, o.Wall, o.Variables, o.Constraints);
            return new ModelSolution(keep, hint.ToArray());
        }

        return sol with { Outcome = o with { Bound = Math.Min(o.Objective, bound) } };
    }

    /// <summary>True when every weight × cost is integral, so bounds may be rounded up.</summary>
    private static bool IsIntegral(PlacementContext ctx)
    {
        var p = ctx.Problem;
        for (int i = 0; i < p.DemandCount; i++)
        {
            double w = p.Demand[i].Weight;
            if (w != Math.Floor(w))
            {
                return false;
            }

            for (int j = 0; j < p.SiteCount; j++)
            {
                double c = p.Cost[j, i];
                if (double.IsFinite(c) && c != Math.Floor(c))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
