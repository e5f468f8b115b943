using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace HubPlanner.Core.Placement;

/// <summary>
/// The solve of the covering models (MCLP, backup, robust coverage, LSCP): the sparse, merged coverage index,
/// dominated sites dropped where that is exact, a greedy + swap start, for MCLP a Lagrangian bound (subgradient)
/// with reduced-cost fixing, then the MIP on what is left with the start as hint. The better of the start and the
/// MIP's incumbent is returned with the best bound, so the answer is never worse than the heuristic.
/// </summary>
internal static class CoveringSolver
{
    /// <summary>MCLP (<paramref name="times"/> = 1) or backup coverage (2).</summary>
    public static ModelSolution CoveredAtLeast(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, PlacementRun run, int times)
    {
        var clock = run.Clock;
        int p = ctx.Options.HubLimit ?? ctx.Problem.SiteCount;
        var work = ctx;
        var ix = CoverageIndex.Build(ctx);
        if (times == 1 && OnlyHubLimit(ctx, side))
        {
            var dominated = ix.Dominated(ctx);
            if (dominated.Any(d => d))
            {
                work = ctx.WithFixings(ctx.Eligible.Select((e, j) => e && !dominated[j]).ToArray(), ctx.MustOpen);
                ix = CoverageIndex.Build(work);
            }
        }

        var (open, value) = CoveringHeuristic.MaxCover(ix, work, p, times, hint, clock, HeuristicDeadline(ctx, clock), run.Cancellation);
        bool usable = PlacementSolver.SatisfiesSide(ctx, open, side);
        run.Progress?.Report(new PlacementProgress("greedy + swap", usable ? value : null, null, clock.Elapsed));
        double upper = ix.ClassWeight.Sum();
        bool integral = ix.ClassWeight.All(x => x == Math.Floor(x));
        if (times == 1 && usable && OnlyHubLimit(ctx, side))
        {
            var lr = MclpLagrangian(ix, work, p, value, run.Cancellation);
            if (lr.Value > value)
            {
                var better = CoveringHeuristic.MaxCover(ix, work, p, 1, lr.Open, clock, HeuristicDeadline(ctx, clock), run.Cancellation);
                if (better.Value > value)
                {
                    (open, value) = better;
                }
            }

            upper = lr.Bound;
            run.Progress?.Report(new PlacementProgress($"lagrangian ({lr.FixedClosed} sites fixed closed, {lr.FixedOpen} open)", value, upper, clock.Elapsed));
            if (Proven(value, upper, integral))
            {
                return new ModelSolution(new MipOutcome(SolveStatus.Optimal, value, value, 0, clock.Elapsed, 0, 0), open, HeuristicObjective: value, Engine: "lagrangian bound");
            }

            if (lr.Eligible is not null)
            {
                work = work.WithFixings(lr.Eligible, lr.MustOpen!);
                ix = CoverageIndex.Build(work);
            }
        }

        var mip = PlacementModels.SolveMip(work, side, usable ? open : hint, s => Formulate(ix, s, times), run.Cancellation, Remaining(ctx, clock));
        return BetterOf(mip, usable ? open : null, usable ? value : null, upper, integral, o => ix.Covered(o, times), clock);
    }

    /// <summary>Robust coverage: the MCLP start (greedy + swap) as hint and fallback, then the scenario MIP.</summary>
    public static ModelSolution Robust(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, PlacementRun run)
    {
        int p = ctx.Options.HubLimit ?? ctx.Problem.SiteCount;
        var ix = CoverageIndex.Build(ctx);
        var (open, _) = CoveringHeuristic.MaxCover(ix, ctx, p, 1, hint, run.Clock, HeuristicDeadline(ctx, run.Clock), run.Cancellation);
        bool usable = open.Length > 0 && PlacementSolver.SatisfiesSide(ctx, open, side);
        var instance = new PlacementInstance(ctx);
        double Value(IReadOnlyList<int> o) => o.Count == 0 ? 0 : ctx.Model.Objective!(instance, o);
        double? value = usable ? Value(open) : null;
        var mip = PlacementModels.Robust(ctx, side, usable ? open : hint, run.Cancellation, Remaining(ctx, run.Clock));
        return BetterOf(mip, usable ? open : null, value, double.PositiveInfinity, false, Value, run.Clock);
    }

    /// <summary>LSCP: greedy set cover (redundant sites dropped) as hint and fallback; dominated sites dropped when only the hub limit applies.</summary>
    public static ModelSolution SetCover(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, PlacementRun run)
    {
        var work = ctx;
        var ix = CoverageIndex.Build(ctx, keepZeroWeight: true);
        if (OnlyHubLimit(ctx, side))
        {
            var dominated = ix.Dominated(ctx);
            if (dominated.Any(d => d))
            {
                work = ctx.WithFixings(ctx.Eligible.Select((e, j) => e && !dominated[j]).ToArray(), ctx.MustOpen);
                ix = CoverageIndex.Build(work, keepZeroWeight: true);
            }
        }

        var open = CoveringHeuristic.SetCover(ix, work);
        bool usable = PlacementSolver.SatisfiesSide(ctx, open, side);
        var mip = PlacementModels.CoverAll(work, side, ctx.Options.ServiceDistance!.Value, PlacementSolver.Coverable(ctx), usable ? open : hint, run.Cancellation, Remaining(ctx, run.Clock));
        var outcome = mip.Outcome;
        if (usable && (outcome.Status is not (SolveStatus.Optimal or SolveStatus.Feasible) || mip.Open.Length > open.Length) && outcome.Status != SolveStatus.Infeasible)
        {
            double bound = double.IsFinite(outcome.Bound) ? Math.Ceiling(outcome.Bound - 1e-7) : double.NaN;
            var status = bound >= open.Length ? SolveStatus.Optimal : SolveStatus.Feasible;
            return new ModelSolution(outcome with { Status = status, Objective = open.Length, Bound = double.IsNaN(bound) ? bound : Math.Min(bound, open.Length) }, open, HeuristicObjective: open.Length);
        }

        return mip with { HeuristicObjective = usable ? open.Length : null };
    }

    /// <summary>One variable per class, times × v ≤ Σ_{j covers it} x_j, maximise Σ weight × v (v binary for times &gt; 1).</summary>
    private static void Formulate(CoverageIndex ix, MipSession s, int times)
    {
        var obj = s.Solver.Objective();
        for (int c = 0; c < ix.ClassCount; c++)
        {
            var cover = ix.ClassSites[c];
            if (ix.ClassWeight[c] == 0 || cover.Length < times)
            {
                continue;
            }

            var v = times == 1 ? s.Solver.MakeNumVar(0, 1, string.Empty) : s.Solver.MakeIntVar(0, 1, string.Empty);
            var link = s.Solver.MakeConstraint(double.NegativeInfinity, 0);
            link.SetCoefficient(v, times);
            foreach (int j in cover)
            {
                link.SetCoefficient(s.X[j], -1);
            }

            obj.SetCoefficient(v, ix.ClassWeight[c]);
        }
    }

    /// <summary>
    /// The MIP's solution or the heuristic's, whichever covers more (maximisation), with the tighter of the MIP bound
    /// and <paramref name="upper"/>. Optimal when the value meets the bound.
    /// </summary>
    private static ModelSolution BetterOf(
        ModelSolution mip, int[]? heuristic, double? heuristicValue, double upper, bool integral, Func<int[], double> value, Stopwatch clock)
    {
        var o = mip.Outcome;
        bool mipHas = o.Status is SolveStatus.Optimal or SolveStatus.Feasible;
        double mipValue = mipHas ? value(mip.Open) : double.NegativeInfinity;
        double bound = upper;
        if (double.IsFinite(o.Bound) && o.Status != SolveStatus.Infeasible)
        {
            // The MIP may run on a reduced model (sites fixed by reduced costs): its bound holds only for solutions
            // better than the heuristic, so the heuristic value is a floor.
            bound = Math.Min(bound, Math.Max(o.Bound, heuristicValue ?? double.NegativeInfinity));
        }
        else if (o.Status == SolveStatus.Infeasible && heuristicValue is { } hv)
        {
            bound = Math.Min(bound, hv);
        }

        if (heuristic is null || (mipHas && mipValue >= heuristicValue!.Value))
        {
            if (!mipHas)
            {
                return mip;
            }

            var st = Proven(mipValue, bound, integral) || o.Status == SolveStatus.Optimal ? SolveStatus.Optimal : SolveStatus.Feasible;
            return mip with { Outcome = o with { Status = st, Objective = mipValue, Bound = double.IsFinite(bound) ? Math.Max(bound, mipValue) : o.Bound }, HeuristicObjective = heuristicValue };
        }

        double hval = heuristicValue!.Value;
        var status = Proven(hval, bound, integral) ? SolveStatus.Optimal : SolveStatus.Feasible;
        var outcome = new MipOutcome(status, hval, double.IsFinite(bound) ? Math.Max(bound, hval) : double.NaN, o.Nodes, clock.Elapsed, o.Variables, o.Constraints);
        return new ModelSolution(outcome, heuristic, HeuristicObjective: hval, Engine: mip.Engine);
    }

    private static bool Proven(double value, double bound, bool integral) =>
        double.IsFinite(bound) && (value >= bound - 1e-9 * Math.Max(1, Math.Abs(bound)) || (integral && Math.Floor(bound + 1e-7) <= value));

    /// <summary>Only the hub limit (and forced sites) constrains the choice: no active spacing or budget.</summary>
    internal static bool OnlyHubLimit(PlacementContext ctx, SideConstraints side) =>
        (ctx.SpacingConflicts.Count == 0 || (side & SideConstraints.Spacing) == 0)
        && (ctx.Options.Budget is null || (side & SideConstraints.Budget) == 0);

    /// <summary>The swaps may use up to a third of the time limit (all of it when there is none).</summary>
    private static TimeSpan? HeuristicDeadline(PlacementContext ctx, Stopwatch clock) =>
        ctx.Options.TimeLimit is { } t ? clock.Elapsed + (t - clock.Elapsed) / 3 : null;

    /// <summary>What is left of the time limit for the MIP (at least 0.1 s), or null.</summary>
    internal static TimeSpan? Remaining(PlacementContext ctx, Stopwatch clock) =>
        ctx.Options.TimeLimit is { } t ? TimeSpan.FromMilliseconds(Math.Max(100, (t - clock.Elapsed).TotalMilliseconds)) : null;

    /// <summary>Result of the MCLP Lagrangian: the bound, the best site set met, and the sites fixed by reduced costs.</summary>
    private sealed record LagrangianResult(double Bound, int[] Open, double Value, bool[]? Eligible, bool[]? MustOpen, int FixedClosed, int FixedOpen);

    /// <summary>
    /// Relaxes v_c ≤ Σ_{j covers c} x_j with u_c ≥ 0: L(u) = Σ_c max(0, w_c − u_c) + the p largest ρ_j = Σ_{c ∈ j} u_c
    /// (forced sites first), an upper bound for every u, minimised by subgradient steps (Polyak, target the incumbent).
    /// At the best u, a site whose forced opening (closing) drops L to the incumbent or below is fixed closed (open):
    /// no better solution opens (closes) it.
    /// </summary>
    private static LagrangianResult MclpLagrangian(CoverageIndex ix, PlacementContext ctx, int p, double incumbent, CancellationToken ct)
    {
        int m = ix.SiteClasses.Length, nc = ix.ClassCount;
        var w = ix.ClassWeight;
        bool integral = w.All(x => x == Math.Floor(x));
        var u = new double[nc];
        // Start at u = w (L = the p largest single-site coverages); the trivial bound Σ w caps the result.
        Array.Copy(w, u, nc);

        var rho = new double[m];
        var order = new int[m];
        var x = new bool[m];
        var g = new double[nc];
        double best = double.PositiveInfinity, theta = 2;
        double[] bestU = (double[])u.Clone();
        var bestOpen = Array.Empty<int>();
        double bestValue = double.NegativeInfinity;
        int stall = 0;
        int forcedCount = Enumerable.Range(0, m).Count(j => ctx.MustOpen[j] && ctx.Eligible[j]);
        for (int it = 0; it < 1000 && !ct.IsCancellationRequested; it++)
        {
            double l = Evaluate(u, out var open);
            if (double.IsPositiveInfinity(best) || l < best - (1e-9 * Math.Max(1, best)))
            {
                best = l;
                bestU = (double[])u.Clone();
                stall = 0;
            }
            else if (++stall >= 30)
            {
                theta /= 2;
                stall = 0;
            }

            double val = ix.Covered(open, 1);
            if (val > bestValue)
            {
                bestValue = val;
                bestOpen = open;
            }

            if (Proven(Math.Max(incumbent, bestValue), best, integral) || theta < 1e-4)
            {
                break;
            }

            Array.Clear(g);
            double norm = 0;
            for (int c = 0; c < nc; c++)
            {
                int cov = 0;
                foreach (int j in ix.ClassSites[c])
                {
                    if (x[j])
                    {
                        cov++;
                    }
                }

                g[c] = cov - (u[c] < w[c] ? 1 : 0);
                if (u[c] <= 0 && g[c] > 0)
                {
                    g[c] = 0;
                }

                norm += g[c] * g[c];
            }

            if (norm == 0)
            {
                break;
            }

            double step = theta * (l - Math.Max(incumbent, bestValue)) / norm;
            step = Math.Max(step, 1e-12);
            for (int c = 0; c < nc; c++)
            {
                u[c] = Math.Max(0, u[c] - step * g[c]);
            }
        }

        // Reduced-cost fixing at the best multipliers.
        // The fixing tests perturb L at bestU itself: they use its value, not the capped bound.
        double atBest = Evaluate(bestU, out _);
        double bound = Math.Min(Math.Min(atBest, best), w.Sum());
        double target = Math.Max(incumbent, bestValue);
        var eligible = (bool[])ctx.Eligible.Clone();
        var must = (bool[])ctx.MustOpen.Clone();
        int closed = 0, opened = 0;
        int free = p - forcedCount;
        if (free > 0 && free < order.Length)
        {
            // order[] holds the free eligible sites by ρ descending (from the last Evaluate); the p-th and (p+1)-th values.
            int nfree = 0;
            for (int k = 0; k < m && order[k] >= 0; k++)
            {
                nfree++;
            }

            double last = free - 1 < nfree ? rho[order[free - 1]] : 0;
            double next = free < nfree ? rho[order[free]] : 0;
            for (int k = 0; k < nfree; k++)
            {
                int j = order[k];
                double v = k < free ? atBest - rho[j] + next : atBest - last + rho[j];
                bool drop = integral ? Math.Floor(v + 1e-7) <= target : v < target - 1e-9 * Math.Max(1, target);
                if (!drop)
                {
                    continue;
                }

                if (k < free)
                {
                    must[j] = true;
                    opened++;
                }
                else
                {
                    eligible[j] = false;
                    closed++;
                }
            }
        }

        bool any = closed + opened > 0;
        return new LagrangianResult(bound, bestOpen, bestValue, any ? eligible : null, any ? must : null, closed, opened);

        double Evaluate(double[] uu, out int[] openSites)
        {
            double sum = 0;
            for (int c = 0; c < nc; c++)
            {
                sum += Math.Max(0, w[c] - uu[c]);
            }

            int nfree = 0;
            var chosen = new List<int>();
            for (int j = 0; j < m; j++)
            {
                x[j] = false;
                if (!ctx.Eligible[j])
                {
                    continue;
                }

                double r = 0;
                foreach (int c in ix.SiteClasses[j])
                {
                    r += uu[c];
                }

                rho[j] = r;
                if (ctx.MustOpen[j])
                {
                    x[j] = true;
                    chosen.Add(j);
                    sum += r;
                }
                else
                {
                    order[nfree++] = j;
                }
            }

            Array.Sort(order, 0, nfree, Comparer<int>.Create((a, b) => rho[b].CompareTo(rho[a])));
            if (nfree < m)
            {
                order[nfree] = -1;
            }

            for (int k = 0; k < nfree && chosen.Count < p; k++)
            {
                int j = order[k];
                x[j] = true;
                chosen.Add(j);
                sum += rho[j];
            }

            chosen.Sort();
            openSites = chosen.ToArray();
            return sum;
        }
    }
}
