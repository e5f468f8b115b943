using System.Diagnostics;

namespace HubPlanner.Core.Placement;

/// <summary>
/// The placement stage: solves one location model with OR-Tools (SCIP through the linear-solver wrapper),
/// after checks that name infeasible side constraints in a sentence, and with a relaxation-based diagnosis
/// when the solver itself proves infeasibility.
/// </summary>
public static class PlacementSolver
{
    /// <summary>Solves <paramref name="problem"/> with <paramref name="options"/> and a built-in model.</summary>
    /// <exception cref="ArgumentException">Inconsistent options (e.g. p-median without a number of hubs).</exception>
    public static PlacementResult Solve(
        PlacementProblem problem,
        PlacementOptions options,
        IProgress<PlacementProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Solve(problem, options, PlacementModelCatalog.Default, progress, cancellationToken);

    /// <summary>Solves <paramref name="problem"/> with <paramref name="options"/>, the model looked up in <paramref name="catalog"/>.</summary>
    /// <exception cref="ArgumentException">Inconsistent options, or a model the catalog does not hold.</exception>
    public static PlacementResult Solve(
        PlacementProblem problem,
        PlacementOptions options,
        PlacementModelCatalog catalog,
        IProgress<PlacementProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var entry = options.Resolve(catalog);
        var sw = Stopwatch.StartNew();
        var ctx = new PlacementContext(problem, options, entry);
        var diagnostics = PlacementDiagnostics.Check(ctx);
        if (diagnostics.Any(d => !entry.NonFatalDiagnostics.Contains(d.Constraint)))
        {
            return Empty(ctx, SolveStatus.Infeasible, diagnostics, sw.Elapsed);
        }

        var run = new PlacementRun(progress, sw, cancellationToken);
        ModelSolution Run(SideConstraints side, IReadOnlyList<int>? hint) => entry.Runner(ctx, side, hint, run);
        var solution = Run(SideConstraints.All, WarmStart(ctx));
        if (solution.Outcome.Status == SolveStatus.Infeasible)
        {
            diagnostics.AddRange(Diagnose(ctx, Run));
            return Empty(ctx, SolveStatus.Infeasible, diagnostics, sw.Elapsed) with
            {
                Stats = Stats(ctx, solution, sw.Elapsed),
            };
        }

        progress?.Report(new PlacementProgress("solved", Finite(solution.Outcome.Objective), Finite(solution.Outcome.Bound), sw.Elapsed));
        return Build(ctx, solution, diagnostics, sw.Elapsed);
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
    private static List<PlacementDiagnostic> Diagnose(PlacementContext ctx, Func<SideConstraints, IReadOnlyList<int>?, ModelSolution> run)
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

        if (ctx.Model.Capacity == PlacementCapacityUse.ServeAllWithin)
        {
            groups.Add(SideConstraints.Capacity);
        }

        foreach (var g in groups)
        {
            var relaxed = run(SideConstraints.All & ~g, null);
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
        bool covering = ctx.Model.NeedsServiceDistance;
        bool mustServe = ctx.Model.Capacity == PlacementCapacityUse.ServeAllWithin;
        if (sol.Assignments is { } flows)
        {
            assignments.AddRange(flows);
            var served = flows.GroupBy(f => f.DemandId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(f => f.Fraction), StringComparer.Ordinal);
            for (int i = 0; i < p.DemandCount; i++)
            {
                var d = p.Demand[i];
                double f = served.GetValueOrDefault(d.Id);
                covered += d.Weight * Math.Min(1, f);
                if (f < 1 - 1e-6 && (mustServe || d.Weight > 0))
                {
                    string why = mustServe
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
        if (sol.Assignments is null && open.Length > 0 && ctx.Model.Objective is { } exact)
        {
            // The solver's value carries LP round-off (continuous coverage variables); report the exact value of the sites.
            outcome = outcome with { Objective = exact(new PlacementInstance(ctx), open) };
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
