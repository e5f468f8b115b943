using System.Diagnostics;

namespace HubPlanner.Core.Placement;

/// <summary>
/// p-center by bisection over the sorted distinct costs: each step asks SCIP whether every demand point can be
/// covered within the radius under the hub limit and side constraints. The optimum is the smallest feasible
/// level; the bound is the largest level proven infeasible plus one step.
/// </summary>
internal static class PCenter
{
    public static ModelSolution Solve(
        PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, IProgress<PlacementProgress>? progress, Stopwatch sw, CancellationToken ct)
    {
        var p = ctx.Problem;
        var points = new List<int>();
        double lower = 0;
        for (int i = 0; i < p.DemandCount; i++)
        {
            if (p.Demand[i].Weight <= 0)
            {
                continue;
            }

            double nearest = double.PositiveInfinity;
            for (int j = 0; j < p.SiteCount; j++)
            {
                if (ctx.Eligible[j])
                {
                    nearest = Math.Min(nearest, p.Cost[j, i]);
                }
            }

            if (double.IsFinite(nearest))
            {
                points.Add(i);
                lower = Math.Max(lower, nearest);
            }
        }

        var levels = new SortedSet<double>();
        foreach (int i in points)
        {
            for (int j = 0; j < p.SiteCount; j++)
            {
                double v = p.Cost[j, i];
                if (ctx.Eligible[j] && double.IsFinite(v) && v >= lower)
                {
                    levels.Add(v);
                }
            }
        }

        var radii = levels.ToArray();
        if (radii.Length == 0)
        {
            var none = new MipOutcome(SolveStatus.Optimal, 0, 0, 0, sw.Elapsed, 0, 0);
            return new ModelSolution(none, ctx.MustOpen.Select((m, j) => (m, j)).Where(t => t.m && ctx.Eligible[t.j]).Select(t => t.j).ToArray());
        }

        int lo = 0, hi = radii.Length - 1;
        ModelSolution? best = null;
        int bestIndex = -1;
        long nodes = 0;
        var deadline = ctx.Options.TimeLimit is { } tl ? sw.Elapsed + tl : (TimeSpan?)null;

        // Start from a cheap feasible radius when the greedy/interchange p-median solution fits the side constraints.
        if (ctx.Options.HubLimit is { } pHubs && hint is null)
        {
            var (open, _) = PMedianHeuristic.Solve(ctx, pHubs, ct);
            if (PlacementSolver.SatisfiesSide(ctx, open, side))
            {
                double r = points.Max(i => open.Min(j => p.Cost[j, i]));
                int idx = Array.BinarySearch(radii, r);
                if (idx >= 0)
                {
                    hi = idx;
                    hint = open;
                }
            }
        }

        bool timedOut = false;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            TimeSpan? left = deadline is { } d ? d - sw.Elapsed : null;
            if (left is { } l && l <= TimeSpan.Zero || ct.IsCancellationRequested)
            {
                timedOut = true;
                break;
            }

            var sol = PlacementModels.CoverAll(ctx, side, radii[mid], points, hint, ct, left);
            nodes += sol.Outcome.Nodes;
            if (sol.Outcome.Status is SolveStatus.Optimal or SolveStatus.Feasible)
            {
                best = sol;
                bestIndex = mid;
                hint = sol.Open;
                hi = mid - 1;
                progress?.Report(new PlacementProgress("p-center radius", radii[mid], radii[lo], sw.Elapsed));
            }
            else if (sol.Outcome.Status == SolveStatus.Infeasible)
            {
                lo = mid + 1;
            }
            else
            {
                timedOut = true;
                break;
            }
        }

        if (best is null)
        {
            var status = timedOut ? SolveStatus.TimedOut : SolveStatus.Infeasible;
            return new ModelSolution(new MipOutcome(status, double.NaN, double.NaN, nodes, sw.Elapsed, 0, 0), []);
        }

        double radius = points.Count == 0 ? 0 : points.Max(i => best.Open.Min(j => p.Cost[j, i]));
        double bound = lo < radii.Length ? Math.Min(radii[Math.Min(lo, bestIndex)], radius) : radius;
        var outcome = new MipOutcome(
            timedOut ? SolveStatus.Feasible : SolveStatus.Optimal,
            radius,
            timedOut ? bound : radius,
            nodes,
            sw.Elapsed,
            best.Outcome.Variables,
            best.Outcome.Constraints);
        return new ModelSolution(outcome, best.Open);
    }
}
