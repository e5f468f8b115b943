using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;

namespace HubPlanner.Core.Placement;

/// <summary>Which side-constraint groups to impose; the diagnosis drops one group at a time.</summary>
[Flags]
internal enum SideConstraints
{
    None = 0,
    Budget = 1,
    HubLimit = 2,
    Spacing = 4,
    Capacity = 8,
    All = Budget | HubLimit | Spacing | Capacity,
}

/// <summary>Outcome of one MIP solve.</summary>
internal sealed record MipOutcome(SolveStatus Status, double Objective, double Bound, long Nodes, TimeSpan Wall, int Variables, int Constraints);

/// <summary>
/// A linear-solver (SCIP) model with the open-site variables x_j and the side constraints every model
/// shares. The only mutable state of a solve lives here.
/// </summary>
internal sealed class MipSession : IDisposable
{
    private readonly PlacementContext _ctx;

    public MipSession(PlacementContext ctx, SideConstraints side = SideConstraints.All)
    {
        _ctx = ctx;
        string engine = ctx.Options.Engine == PlacementEngine.CpSat ? "CP_SAT" : "SCIP";
        Engine = engine;
        Solver = Solver.CreateSolver(engine) ?? throw new InvalidOperationException($"OR-Tools solver {engine} is not available");
        var p = ctx.Problem;
        var o = ctx.Options;
        X = new Variable[p.SiteCount];
        for (int j = 0; j < p.SiteCount; j++)
        {
            double lb = ctx.MustOpen[j] && ctx.Eligible[j] ? 1 : 0;
            double ub = ctx.Eligible[j] ? 1 : 0;
            X[j] = Solver.MakeIntVar(lb, ub, $"x{j}");
        }

        if ((side & SideConstraints.Budget) != 0 && o.Budget is { } budget)
        {
            var c = Solver.MakeConstraint(double.NegativeInfinity, budget, "budget");
            for (int j = 0; j < p.SiteCount; j++)
            {
                c.SetCoefficient(X[j], p.Sites[j].FixedCost);
            }
        }

        if ((side & SideConstraints.HubLimit) != 0 && o.HubLimit is { } limit)
        {
            var c = Solver.MakeConstraint(double.NegativeInfinity, limit, "hubs");
            foreach (var v in X)
            {
                c.SetCoefficient(v, 1);
            }
        }

        if ((side & SideConstraints.Spacing) != 0)
        {
            foreach (var (a, b) in ctx.SpacingConflicts)
            {
                var c = Solver.MakeConstraint(double.NegativeInfinity, 1, $"spacing{a}_{b}");
                c.SetCoefficient(X[a], 1);
                c.SetCoefficient(X[b], 1);
            }

            // Clique cuts: sites that are pairwise too close admit at most one hub among them, a much tighter
            // LP row than the pairs (a greedy maximal clique around each site).
            foreach (var clique in SpacingCliques(ctx))
            {
                var c = Solver.MakeConstraint(double.NegativeInfinity, 1, string.Empty);
                foreach (int j in clique)
                {
                    c.SetCoefficient(X[j], 1);
                }
            }
        }

        ImposeCapacity = (side & SideConstraints.Capacity) != 0;
    }

    public Solver Solver { get; }

    public string Engine { get; }

    public Variable[] X { get; }

    public bool ImposeCapacity { get; }

    private static IEnumerable<int[]> SpacingCliques(PlacementContext ctx)
    {
        int m = ctx.Problem.SiteCount;
        var adj = new HashSet<int>[m];
        for (int j = 0; j < m; j++)
        {
            adj[j] = [];
        }

        foreach (var (a, b) in ctx.SpacingConflicts)
        {
            adj[a].Add(b);
            adj[b].Add(a);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < m; j++)
        {
            if (adj[j].Count < 2)
            {
                continue;
            }

            var clique = new List<int> { j };
            foreach (int k in adj[j].Order())
            {
                if (clique.All(c => adj[c].Contains(k)))
                {
                    clique.Add(k);
                }
            }

            if (clique.Count >= 3)
            {
                clique.Sort();
                if (seen.Add(string.Join(',', clique)))
                {
                    yield return clique.ToArray();
                }
            }
        }
    }

    /// <summary>Hints the given open sites (warm start), if the options carry any.</summary>
    public void HintOpenSites(IReadOnlyList<int>? open)
    {
        if (open is null)
        {
            return;
        }

        var set = new HashSet<int>(open);
        Solver.SetHint(X, X.Select((_, j) => set.Contains(j) ? 1.0 : 0.0).ToArray());
    }

    /// <summary>Solves with the options' time limit, gap and seed; cancellation interrupts the solver.</summary>
    public MipOutcome Solve(CancellationToken cancellationToken, TimeSpan? timeLimit = null)
    {
        var o = _ctx.Options;
        var limit = timeLimit ?? o.TimeLimit;
        if (limit is { } t)
        {
            Solver.SetTimeLimit((long)Math.Max(1, t.TotalMilliseconds));
        }

        bool accepted;
        if (Engine == "SCIP")
        {
            accepted = Solver.SetSolverSpecificParametersAsString(
                string.Create(
                    CultureInfo.InvariantCulture,
                    // A warm start fixes only x: without raising this rate SCIP discards such partial solutions.
                    $"randomization/randomseedshift = {Math.Abs(o.Seed) % 1_000_000}\nheuristics/completesol/maxunknownrate = 1\n"));
        }
        else
        {
            // LIBRARY-NOTES: with 2 workers CP-SAT proves little on location MIPs unless one worker is "max_lp".
            accepted = Solver.SetSolverSpecificParametersAsString(string.Create(
                CultureInfo.InvariantCulture,
                $"num_workers: 2 subsolvers: \"max_lp\" subsolvers: \"default_lp\" random_seed: {Math.Abs(o.Seed) % 1_000_000}"));
        }

        if (!accepted)
        {
            throw new InvalidOperationException($"{Engine} rejected the solver parameters");
        }

        // The direction is the model's, from its catalog entry: formulations only add terms.
        if (_ctx.Model.Sense == ObjectiveSense.Maximise)
        {
            Solver.Objective().SetMaximization();
        }
        else
        {
            Solver.Objective().SetMinimization();
        }

        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, o.RelativeGap);
        var sw = Stopwatch.StartNew();
        Solver.ResultStatus status;
        using (cancellationToken.Register(() => Solver.InterruptSolve()))
        {
            status = Solver.Solve(parameters);
        }

        sw.Stop();
        double obj = double.NaN, bound = double.NaN;
        var st = SolveStatus.TimedOut;
        switch (status)
        {
            case Solver.ResultStatus.OPTIMAL:
                obj = Solver.Objective().Value();
                bound = Solver.IsMip() ? Solver.Objective().BestBound() : obj;
                st = SolveStatus.Optimal;
                break;
            case Solver.ResultStatus.FEASIBLE:
                obj = Solver.Objective().Value();
                bound = Solver.Objective().BestBound();
                st = SolveStatus.Feasible;
                break;
            case Solver.ResultStatus.INFEASIBLE:
                st = SolveStatus.Infeasible;
                break;
            default:
                bound = Solver.Objective().BestBound();
                break;
        }

        // SCIP reports OPTIMAL when it stops at the requested gap; say so only when the gap is met.
        if (st == SolveStatus.Optimal && double.IsFinite(bound))
        {
            double gap = Math.Abs(obj - bound) / Math.Max(Math.Abs(obj), 1e-9);
            if (gap > Math.Max(o.RelativeGap, 1e-7) && Math.Abs(obj - bound) > 1e-6)
            {
                st = SolveStatus.Feasible;
            }
        }

        return new MipOutcome(st, obj, bound, Solver.Nodes(), sw.Elapsed, Solver.NumVariables(), Solver.NumConstraints());
    }

    /// <summary>The open sites of the current solution.</summary>
    public int[] OpenSites() => Enumerable.Range(0, X.Length).Where(j => X[j].SolutionValue() > 0.5).ToArray();

    public void Dispose() => Solver.Dispose();
}
