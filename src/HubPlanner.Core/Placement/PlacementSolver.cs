using System.Diagnostics;

namespace HubPlanner.Core.Placement;

/// <summary>
/// The placement stage: solves one location model with OR-Tools (SCIP through the linear-solver wrapper),
/// after checks that name infeasible side constraints in a sentence, and with a relaxation-based diagnosis
/// when the solver itself proves infeasibility.
/// </summary>
public static class PlacementSolver
{
    /// <summary>Solves <paramref name="problem"/> with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Inconsistent options (e.g. p-median without a number of hubs).</exception>
    public static PlacementResult Solve(
        PlacementProblem problem,
        PlacementOptions options,
        IProgress<PlacementProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sw = Stopwatch.StartNew();
        var ctx = new PlacementContext(problem, options);
        var diagnostics = PlacementDiagnostics.Check(ctx);
        if (diagnostics.Any(d => !(options.Model == PlacementModel.Lscp && d.Constraint == "coverage")))
        {
            return Empty(ctx, SolveStatus.Infeasible, diagnostics, sw.Elapsed);
        }

        var hint = WarmStart(ctx);
        var run = Runner(ctx, progress, sw);
        var solution = run(SideConstraints.All, hint, cancellationToken);
        if (solution.Outcome.Status == SolveStatus.Infeasible)
        {
            diagnostics.AddRange(Diagnose(ctx, run, cancellationToken));
            return Empty(ctx, SolveStatus.Infeasible, diagnostics, sw.Elapsed) with
            {
                Stats = Stats(ctx, solution, sw.Elapsed),
            };
        }

        progress?.Report(new PlacementProgress("solved", Finite(solution.Outcome.Objective), Finite(solution.Outcome.Bound), sw.Elapsed));
        return Build(ctx, solution, diagnostics, sw.Elapsed);
    }

    private delegate ModelSolution ModelRun(SideConstraints side, IReadOnlyList<int>? hint, CancellationToken ct);

    private static ModelRun Runner(PlacementContext ctx, IProgress<PlacementProgress>? progress, Stopwatch sw) =>
        ctx.Options.Model switch
        {
            PlacementModel.PMedian => (side, hint, ct) => PMedian(ctx, side, hint, progress, sw, ct),
            PlacementModel.PCenter => (side, hint, ct) => PCenter.Solve(ctx, side, hint, progress, sw, ct),
            PlacementModel.Mclp => (side, hint, ct) => PlacementModels.Mclp(ctx, side, hint, ct),
            PlacementModel.Lscp => (side, hint, ct) => PlacementModels.CoverAll(
                ctx, side, ctx.Options.ServiceDistance!.Value, Coverable(ctx), hint, ct),
            PlacementModel.Cflp => (side, hint, ct) => PlacementModels.Capacitated(ctx, side, coverage: false, hint, ct),
            PlacementModel.MaxCapacitatedCoverage => (side, hint, ct) => PlacementModels.Capacitated(ctx, side, coverage: true, hint, ct),
            PlacementModel.BackupCoverage => (side, hint, ct) => PlacementModels.Backup(ctx, side, hint, ct),
            PlacementModel.RobustCoverage => (side, hint, ct) => PlacementModels.Robust(ctx, side, hint, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(ctx), ctx.Options.Model, "unknown model"),
        };

    private static ModelSolution PMedian(
        PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, IProgress<PlacementProgress>? progress, Stopwatch sw, CancellationToken ct)
    {
        // The heuristic ignores spacing and budget; its solution is used only when it satisfies them.
        // A warm start (what-if re-plan) seeds the greedy + interchange, whose local optimum becomes the incumbent.
        double? heuristic = null;
        if (ctx.Options.HubLimit is { } p)
        {
            var (open, value) = PMedianHeuristic.Solve(ctx, p, hint, ct);
            if (SatisfiesSide(ctx, open, side))
            {
                hint = open;
                heuristic = value;
                progress?.Report(new PlacementProgress("heuristic", value, null, sw.Elapsed));
            }
        }

        // Plain p-median (no spacing, budget): Lagrangian bound and reduced-cost fixing before the exact model.
        // Points no eligible site reaches are left unserved by the MIP; the Lagrangian path assumes none.
        bool plain = (ctx.SpacingConflicts.Count == 0 || (side & SideConstraints.Spacing) == 0)
            && (ctx.Options.Budget is null || (side & SideConstraints.Budget) == 0)
            && Enumerable.Range(0, ctx.Problem.DemandCount).All(i => Enumerable.Range(0, ctx.Problem.SiteCount)
                .Any(j => ctx.Eligible[j] && double.IsFinite(ctx.Problem.Cost[j, i])));
        if (plain && heuristic is { } ub && ctx.Options.HubLimit is { } hubs)
        {
            bool integral = IsIntegral(ctx);
            var lr = PMedianLagrangian.Run(ctx, hubs, hint!.ToArray(), ub, integral, ct);
            ub = lr.UpperBound;
            hint = lr.BestOpen;
            progress?.Report(new PlacementProgress(
                $"lagrangian ({lr.Iterations} iterations, {lr.FixedClosed.Count(f => f)} sites fixed closed, {lr.FixedOpen.Count(f => f)} open)", ub, lr.LowerBound, sw.Elapsed));
            double tol = 1e-9 * Math.Max(1, Math.Abs(ub));
            if (lr.LowerBound >= ub - tol || (integral && Math.Ceiling(lr.LowerBound - 1e-7) >= ub))
            {
                var proven = new MipOutcome(SolveStatus.Optimal, ub, Math.Min(ub, integral ? Math.Ceiling(lr.LowerBound - 1e-7) : lr.LowerBound), 0, sw.Elapsed, 0, 0);
                return new ModelSolution(proven, hint.ToArray(), HeuristicObjective: heuristic, Engine: "lagrangian bound");
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
                return new ModelSolution(proven, bb.Incumbent, HeuristicObjective: heuristic, Engine: "lagrangian branch and bound");
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
                return new ModelSolution(keep, hint.ToArray(), HeuristicObjective: heuristic);
            }

            return sol with { Outcome = o with { Bound = Math.Min(o.Objective, bound) }, HeuristicObjective = heuristic };
        }

        return PlacementModels.PMedian(ctx, side, hint, ct) with { HeuristicObjective = heuristic };
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

    internal static bool SatisfiesSide(PlacementContext ctx, IReadOnlyList<int> open, SideConstraints side)
    {
        var set = new HashSet<int>(open);
        if ((side & SideConstraints.Spacing) != 0 && ctx.SpacingConflicts.Any(c => set.Contains(c.A) && set.Contains(c.B)))
        {
            return false;
        }

        if ((side & SideConstraints.Budget) != 0 && ctx.Options.Budget is { } b && open.Sum(j => ctx.Problem.Sites[j].FixedCost) > b + 1e-9)
        {
            return false;
        }

        return (side & SideConstraints.HubLimit) == 0 || ctx.Options.HubLimit is not { } limit || open.Count <= limit;
    }

    private static int[]? WarmStart(PlacementContext ctx)
    {
        if (ctx.Options.WarmStartOpenSiteIds is not { } ids)
        {
            return null;
        }

        return ids.Select(ctx.Problem.SiteIndex).Where(j => j >= 0 && ctx.Eligible[j]).ToArray();
    }

    internal static IEnumerable<int> Coverable(PlacementContext ctx)
    {
        var unc = new HashSet<int>(PlacementDiagnostics.Uncoverable(ctx));
        return Enumerable.Range(0, ctx.Problem.DemandCount).Where(i => !unc.Contains(i)).ToArray();
    }

    /// <summary>
    /// When the solver proves infeasibility, drops one side-constraint group at a time; each group whose removal
    /// restores feasibility is named, with what the relaxed plan needed.
    /// </summary>
    private static List<PlacementDiagnostic> Diagnose(PlacementContext ctx, ModelRun run, CancellationToken ct)
    {
        var o = ctx.Options;
        var p = ctx.Problem;
        var found = new List<PlacementDiagnostic>();
        var groups = new List<SideConstraints>();
        if (ctx.SpacingConflicts.Count > 0)
        {
            groups.Add(SideConstraints.Spacing);
        }

        if (o.Budget is not null)
        {
            groups.Add(SideConstraints.Budget);
        }

        if (o.HubLimit is not null)
        {
            groups.Add(SideConstraints.HubLimit);
        }

        if (o.Model is PlacementModel.Cflp)
        {
            groups.Add(SideConstraints.Capacity);
        }

        foreach (var g in groups)
        {
            var relaxed = run(SideConstraints.All & ~g, null, ct);
            if (!relaxed.Outcome.Status.Equals(SolveStatus.Optimal) && relaxed.Outcome.Status != SolveStatus.Feasible)
            {
                continue;
            }

            var names = string.Join(", ", relaxed.Open.Select(j => p.Sites[j].Name));
            found.Add(g switch
            {
                SideConstraints.Spacing => new PlacementDiagnostic(
                    "spacing",
                    $"the minimum spacing of {PlacementContext.Num(o.MinSpacingKm!.Value)} km between hubs makes the plan infeasible; " +
                    $"without it a plan opens {names}, of which {ClosePairs(ctx, relaxed.Open)}"),
                SideConstraints.Budget => new PlacementDiagnostic(
                    "budget",
                    $"budget {PlacementContext.Num(o.Budget!.Value)} is too small; without it a plan opens {names} " +
                    $"at a fixed cost of {PlacementContext.Num(relaxed.Open.Sum(j => p.Sites[j].FixedCost))}"),
                SideConstraints.HubLimit => new PlacementDiagnostic(
                    "hub-count",
                    $"at most {o.HubLimit} hubs are allowed, but a feasible plan needs {relaxed.Open.Length} ({names})"),
                _ => new PlacementDiagnostic(
                    "capacity",
                    $"hub capacities cannot absorb demand {PlacementContext.Num(p.Demand.Sum(d => d.Demand))} t under the other constraints; " +
                    $"without capacities a plan opens {names}"),
            });
        }

        if (found.Count == 0)
        {
            found.Add(new PlacementDiagnostic(
                "solver",
                "the solver proved the constraints infeasible, and no single side constraint (spacing, budget, hub limit, capacity) is to blame alone: " +
                "forced sites, eligibility and coverage requirements conflict jointly"));
        }

        return found;
    }

    private static string ClosePairs(PlacementContext ctx, int[] open)
    {
        var set = new HashSet<int>(open);
        var pairs = ctx.SpacingConflicts.Where(c => set.Contains(c.A) && set.Contains(c.B))
            .Select(c => $"{ctx.Problem.Sites[c.A].Name} and {ctx.Problem.Sites[c.B].Name} are {PlacementContext.Num(Math.Round(ctx.Problem.SpacingKm(c.A, c.B), 1))} km apart")
            .Take(3).ToArray();
        return pairs.Length == 0 ? "none conflict" : string.Join("; ", pairs);
    }

    internal static PlacementResult Build(PlacementContext ctx, ModelSolution sol, List<PlacementDiagnostic> diagnostics, TimeSpan elapsed)
    {
        var p = ctx.Problem;
        var o = ctx.Options;
        var open = sol.Open;
        var assignments = new List<DemandAssignment>();
        var unserved = new List<UnservedDemand>();
        double covered = 0;
        bool covering = o.Model is PlacementModel.Mclp or PlacementModel.Lscp or PlacementModel.BackupCoverage or PlacementModel.RobustCoverage;
        if (sol.Assignments is { } flows)
        {
            assignments.AddRange(flows);
            var served = flows.GroupBy(f => f.DemandId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(f => f.Fraction), StringComparer.Ordinal);
            for (int i = 0; i < p.DemandCount; i++)
            {
                var d = p.Demand[i];
                double f = served.GetValueOrDefault(d.Id);
                covered += d.Weight * Math.Min(1, f);
                if (f < 1 - 1e-6 && (o.Model == PlacementModel.Cflp || d.Weight > 0))
                {
                    string why = o.Model == PlacementModel.Cflp
                        ? "no eligible site can reach it"
                        : open.Any(j => ctx.Covers(j, i))
                            ? "open hubs within the service distance have no capacity left for it"
                            : $"beyond the service distance {PlacementContext.Num(o.ServiceDistance!.Value)} of every open hub";
                    unserved.Add(new UnservedDemand(d.Id, 1 - f, why));
                }
            }
        }
        else
        {
            for (int i = 0; i < p.DemandCount; i++)
            {
                int best = -1;
                foreach (int j in open)
                {
                    if (double.IsFinite(p.Cost[j, i]) && (best < 0 || p.Cost[j, i] < p.Cost[best, i]))
                    {
                        best = j;
                    }
                }

                bool ok = best >= 0 && (!covering || ctx.Covers(best, i));
                if (ok)
                {
                    assignments.Add(new DemandAssignment(p.Demand[i].Id, p.Sites[best].Id, 1, p.Cost[best, i]));
                    covered += p.Demand[i].Weight;
                }
                else
                {
                    bool coverable = Enumerable.Range(0, p.SiteCount).Any(j => covering ? ctx.Covers(j, i) : ctx.Eligible[j] && double.IsFinite(p.Cost[j, i]));
                    string why = covering
                        ? coverable
                            ? $"beyond the service distance {PlacementContext.Num(o.ServiceDistance!.Value)} of every open hub"
                            : $"beyond the service distance {PlacementContext.Num(o.ServiceDistance!.Value)} of every eligible site"
                        : "no open hub can reach it";
                    unserved.Add(new UnservedDemand(p.Demand[i].Id, 1, why));
                }
            }
        }

        var outcome = sol.Outcome;
        if (sol.Assignments is null && open.Length > 0 && ExactObjective(ctx, open) is { } exact)
        {
            // The solver's value carries LP round-off (continuous coverage variables); report the exact value of the sites.
            outcome = outcome with { Objective = exact };
        }

        double gap = double.IsFinite(outcome.Bound) && double.IsFinite(outcome.Objective)
            ? Math.Abs(outcome.Objective - outcome.Bound) / Math.Max(Math.Abs(outcome.Objective), 1e-9)
            : double.NaN;
        if (gap < 1e-9 || (outcome.Status == SolveStatus.Optimal && double.IsNaN(gap)))
        {
            gap = 0;
        }

        return new PlacementResult(
            o.Model,
            outcome.Status,
            outcome.Objective,
            outcome.Bound,
            gap,
            open.Select(j => p.Sites[j].Id).ToArray(),
            assignments,
            unserved,
            diagnostics,
            ctx.IneligibleSites,
            covered,
            Stats(ctx, sol, elapsed));
    }

    /// <summary>The model's objective evaluated directly on an open set (non-capacitated models).</summary>
    private static double? ExactObjective(PlacementContext ctx, int[] open)
    {
        var p = ctx.Problem;
        var o = ctx.Options;
        int Count(int i, int lost) => open.Count(j => j != lost && ctx.Covers(j, i));
        var all = Enumerable.Range(0, p.DemandCount);
        return o.Model switch
        {
            PlacementModel.PMedian => all.Where(i => open.Any(j => double.IsFinite(p.Cost[j, i])))
                .Sum(i => p.Demand[i].Weight * open.Min(j => p.Cost[j, i])),
            PlacementModel.Mclp => all.Where(i => Count(i, -1) > 0).Sum(i => p.Demand[i].Weight),
            PlacementModel.BackupCoverage => all.Where(i => Count(i, -1) > 1).Sum(i => p.Demand[i].Weight),
            PlacementModel.RobustCoverage => open.Min(k => all.Where(i => Count(i, k) > 0).Sum(i => p.Demand[i].Weight)),
            PlacementModel.Lscp => open.Length,
            _ => null,
        };
    }

    private static PlacementSolveStats Stats(PlacementContext ctx, ModelSolution sol, TimeSpan elapsed) =>
        new(sol.Engine ?? (ctx.Options.Engine == PlacementEngine.CpSat ? "CP-SAT" : "SCIP"), elapsed, sol.Outcome.Variables, sol.Outcome.Constraints, sol.Outcome.Nodes, sol.HeuristicObjective);

    private static PlacementResult Empty(PlacementContext ctx, SolveStatus status, List<PlacementDiagnostic> diagnostics, TimeSpan elapsed) =>
        new(
            ctx.Options.Model,
            status,
            double.NaN,
            double.NaN,
            double.NaN,
            [],
            [],
            ctx.Problem.Demand.Select(d => new UnservedDemand(d.Id, 1, "the plan is infeasible: " + string.Join("; ", diagnostics.Select(x => x.Sentence)))).ToArray(),
            diagnostics,
            ctx.IneligibleSites,
            0,
            new PlacementSolveStats("none", elapsed, 0, 0, 0, null));

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
