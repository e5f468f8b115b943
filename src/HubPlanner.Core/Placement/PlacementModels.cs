using Google.OrTools.LinearSolver;

namespace HubPlanner.Core.Placement;

/// <summary>The solution of one model: the solver outcome, open sites and (capacitated models) the flows.</summary>
internal sealed record ModelSolution(
    MipOutcome Outcome,
    int[] Open,
    List<DemandAssignment>? Assignments = null,
    double? HeuristicObjective = null,
    string? Engine = null);

/// <summary>
/// The MIP formulations. Each builds on <see cref="MipSession"/> (x_j and side constraints) and adds the
/// model's own variables. Formulations are the compact ones that measured best on the benchmarks.
/// </summary>
internal static class PlacementModels
{
    /// <summary>
    /// p-median over sorted distance levels (Cornuéjols–Nemhauser–Wolsey radius formulation, chained form of
    /// Elloumi 2010): y_ik = 1 when demand point i is served at a cost ≥ its k-th distinct level D_ik.
    /// y_i2 + Σ_{d_ij = D_i1} x_j ≥ 1, y_ik + Σ_{d_ij = D_i,k-1} x_j ≥ y_i,k-1, and Σ_{d_ij = D_iK} x_j ≥ y_iK
    /// so every site appears once per demand point: O(Σ levels) variables and O(sites × demand) non-zeros,
    /// against O(sites × demand) variables and constraints in the assignment formulation.
    /// </summary>
    public static ModelSolution PMedian(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, CancellationToken ct, TimeSpan? timeLimit = null)
    {
        var p = ctx.Problem;
        using var s = new MipSession(ctx, side);
        var obj = s.Solver.Objective();
        double constant = 0;
        var order = new int[p.SiteCount];
        var hintVars = new List<Variable>(s.X);
        var hintValues = new List<double>();
        var hinted = hint is null ? null : new HashSet<int>(hint);
        if (hinted is not null)
        {
            hintValues.AddRange(s.X.Select((_, j) => hinted.Contains(j) ? 1.0 : 0.0));
        }

        for (int i = 0; i < p.DemandCount; i++)
        {
            double w = p.Demand[i].Weight;
            double hintDistance = double.PositiveInfinity;
            if (hinted is not null)
            {
                foreach (int j in hinted)
                {
                    hintDistance = Math.Min(hintDistance, p.Cost[j, i]);
                }
            }

            var reachable = Reachable(ctx, i, order);
            if (reachable == 0)
            {
                continue;
            }

            Array.Sort(order, 0, reachable, Comparer<int>.Create((a, b) => p.Cost[a, i].CompareTo(p.Cost[b, i])));
            double level = p.Cost[order[0], i];
            constant += w * level;
            Variable? prevY = null;
            Constraint? open = null;
            int k = 0;
            while (k < reachable)
            {
                double d = p.Cost[order[k], i];
                // The constraint closing this level: Σ_{d_ij = d} x_j + y_next ≥ y_prev (or ≥ 1 at the first level).
                open = s.Solver.MakeConstraint(prevY is null ? 1 : 0, double.PositiveInfinity);
                if (prevY is not null)
                {
                    open.SetCoefficient(prevY, -1);
                }

                while (k < reachable && p.Cost[order[k], i] == d)
                {
                    open.SetCoefficient(s.X[order[k]], 1);
                    k++;
                }

                if (k < reachable)
                {
                    double next = p.Cost[order[k], i];
                    var y = s.Solver.MakeNumVar(0, 1, string.Empty);
                    open.SetCoefficient(y, 1);
                    if (w * (next - d) != 0)
                    {
                        obj.SetCoefficient(y, w * (next - d));
                    }

                    prevY = y;
                    if (hinted is not null)
                    {
                        hintVars.Add(y);
                        hintValues.Add(hintDistance >= next ? 1 : 0);
                    }
                }
            }
        }

        obj.SetOffset(constant);

        // A complete hint (x and y): SCIP ignores partial solutions with mostly unknown values.
        if (hinted is not null)
        {
            s.Solver.SetHint(hintVars.ToArray(), hintValues.ToArray());
        }

        var outcome = s.Solve(ct, timeLimit);
        return new ModelSolution(outcome, HasSolution(outcome) ? s.OpenSites() : []);
    }

    /// <summary>The textbook p-median (assignment variables z_ij ≤ x_j), for baselines and as an oracle.</summary>
    public static ModelSolution PMedianAssignment(PlacementContext ctx, CancellationToken ct)
    {
        var p = ctx.Problem;
        using var s = new MipSession(ctx);
        var obj = s.Solver.Objective();
        for (int i = 0; i < p.DemandCount; i++)
        {
            var one = s.Solver.MakeConstraint(1, 1);
            bool any = false;
            for (int j = 0; j < p.SiteCount; j++)
            {
                if (!ctx.Eligible[j] || !double.IsFinite(p.Cost[j, i]))
                {
                    continue;
                }

                any = true;
                var z = s.Solver.MakeNumVar(0, 1, string.Empty);
                one.SetCoefficient(z, 1);
                var link = s.Solver.MakeConstraint(double.NegativeInfinity, 0);
                link.SetCoefficient(z, 1);
                link.SetCoefficient(s.X[j], -1);
                obj.SetCoefficient(z, p.Demand[i].Weight * p.Cost[j, i]);
            }

            if (!any)
            {
                one.SetBounds(0, 0);
            }
        }

        var outcome = s.Solve(ct);
        return new ModelSolution(outcome, HasSolution(outcome) ? s.OpenSites() : []);
    }

    /// <summary>
    /// Builds one MIP on the open-site variables and side constraints, lets <paramref name="formulate"/> add the
    /// model, hints the warm start and solves: the shape every single-MIP model shares.
    /// </summary>
    internal static ModelSolution SolveMip(
        PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, Action<MipSession> formulate, CancellationToken ct, TimeSpan? timeLimit = null)
    {
        using var s = new MipSession(ctx, side);
        formulate(s);
        s.HintOpenSites(hint);
        var outcome = s.Solve(ct, timeLimit);
        return new ModelSolution(outcome, HasSolution(outcome) ? s.OpenSites() : []);
    }

    /// <summary>
    /// Covering feasibility at radius r: can every demand point (weight &gt; 0, reachable) be within r of an open
    /// hub under the side constraints? Minimises the number of hubs so that the answer is also an LSCP.
    /// </summary>
    public static ModelSolution CoverAll(PlacementContext ctx, SideConstraints side, double radius, IEnumerable<int> points, IReadOnlyList<int>? hint, CancellationToken ct, TimeSpan? timeLimit = null) =>
        SolveMip(ctx, side, hint, s => CoverAll(ctx, s, radius, points), ct, timeLimit);

    private static void CoverAll(PlacementContext ctx, MipSession s, double radius, IEnumerable<int> points)
    {
        var p = ctx.Problem;
        foreach (int i in points)
        {
            var c = s.Solver.MakeConstraint(1, double.PositiveInfinity);
            for (int j = 0; j < p.SiteCount; j++)
            {
                if (ctx.Eligible[j] && p.Cost[j, i] <= radius + 1e-9)
                {
                    c.SetCoefficient(s.X[j], 1);
                }
            }
        }

        var obj = s.Solver.Objective();
        foreach (var x in s.X)
        {
            obj.SetCoefficient(x, 1);
        }
    }

    /// <summary>
    /// MCLP (Church–ReVelle): c_i ≤ Σ_{j covers i} x_j, maximise Σ w_i c_i. Demand points with the same cover
    /// set are merged first (their weights add), which shrinks grid-cell instances considerably.
    /// </summary>
    public static ModelSolution Mclp(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, CancellationToken ct, bool mergeClasses = true) =>
        SolveMip(ctx, side, hint, s => CoveredAtLeast(ctx, s, times: 1, mergeClasses), ct);

    /// <summary>
    /// Backup coverage (Hogan–ReVelle): b_i ∈ {0,1}, 2 b_i ≤ Σ_{j covers i} x_j; maximise Σ w_i b_i, the weight
    /// covered at least twice.
    /// </summary>
    public static ModelSolution Backup(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, CancellationToken ct) =>
        SolveMip(ctx, side, hint, s => CoveredAtLeast(ctx, s, times: 2, merge: true), ct);

    /// <summary>
    /// One variable v per cover class, times × v ≤ Σ_{j covers it} x_j, maximise Σ weight × v. Once (MCLP) v may
    /// be continuous: at an optimum it is min(1, Σ x_j), integral; twice (backup) it must be binary.
    /// </summary>
    private static void CoveredAtLeast(PlacementContext ctx, MipSession s, int times, bool merge)
    {
        var obj = s.Solver.Objective();
        foreach (var (cover, weight) in CoverClasses(ctx, merge))
        {
            if (weight == 0 || cover.Count < times)
            {
                continue;
            }

            var v = times == 1 ? s.Solver.MakeNumVar(0, 1, string.Empty) : s.Solver.MakeIntVar(0, 1, string.Empty);
            LinkToCover(s, v, times, cover);
            obj.SetCoefficient(v, weight);
        }
    }

    /// <summary>
    /// Robust coverage: one copy c_ik of the coverage per eligible site k ("k is lost"),
    /// c_ik ≤ Σ_{j covers i, j ≠ k} x_j, and t ≤ Σ_i w_i c_ik for every k; maximise t. Losing a closed site
    /// leaves the full coverage, which is never below the loss of an open one, so no scenario needs x_k.
    /// </summary>
    public static ModelSolution Robust(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, CancellationToken ct, TimeSpan? timeLimit = null) =>
        SolveMip(ctx, side, hint, s =>
        {
            var p = ctx.Problem;
            var classes = CoverClasses(ctx).Where(c => c.Weight > 0).ToArray();
            double total = classes.Sum(c => c.Weight);
            var t = s.Solver.MakeNumVar(0, total, "t");
            for (int k = 0; k < p.SiteCount; k++)
            {
                if (!ctx.Eligible[k])
                {
                    continue;
                }

                var scenario = s.Solver.MakeConstraint(double.NegativeInfinity, 0);
                scenario.SetCoefficient(t, 1);
                foreach (var (cover, weight) in classes)
                {
                    var rest = cover.Where(j => j != k).ToArray();
                    if (rest.Length == 0)
                    {
                        continue;
                    }

                    var c = s.Solver.MakeNumVar(0, 1, string.Empty);
                    LinkToCover(s, c, 1, rest);
                    scenario.SetCoefficient(c, -weight);
                }
            }

            s.Solver.Objective().SetCoefficient(t, 1);
        }, ct, timeLimit);

    /// <summary>coefficient × v ≤ Σ_{j ∈ cover} x_j: v may count only as often as the open sites of its cover allow.</summary>
    private static void LinkToCover(MipSession s, Variable v, double coefficient, IEnumerable<int> cover)
    {
        var link = s.Solver.MakeConstraint(double.NegativeInfinity, 0);
        link.SetCoefficient(v, coefficient);
        foreach (int j in cover)
        {
            link.SetCoefficient(s.X[j], -1);
        }
    }

    private static bool HasSolution(MipOutcome outcome) => outcome.Status is SolveStatus.Optimal or SolveStatus.Feasible;

    /// <summary>
    /// Capacitated facility location and maximal capacitated coverage. z_ij = share of i's demand served by j
    /// (binary when single-source), Σ_j z_ij = 1 (CFLP) or ≤ 1 (coverage, only j within the service distance),
    /// Σ_i demand_i z_ij ≤ capacity_j x_j, and the strong linking z_ij ≤ x_j that closes most of the LP gap.
    /// CFLP minimises Σ fixed_j x_j + Σ weight_i cost_ij z_ij; coverage maximises Σ weight_i z_ij.
    /// </summary>
    /// <param name="timeLimit">Counted from the call (model building included); null = the options' limit.</param>
    /// <param name="flowHint">With <paramref name="hint"/>: the share z_ij of the warm start, hinted with x (a complete start SCIP can check at once).</param>
    public static ModelSolution Capacitated(
        PlacementContext ctx,
        SideConstraints side,
        IReadOnlyList<int>? hint,
        CancellationToken ct,
        bool strongLinking = true,
        Func<int, int, double>? flowHint = null,
        TimeSpan? timeLimit = null)
    {
        var built = System.Diagnostics.Stopwatch.StartNew();
        bool coverage = ctx.Model.Capacity == PlacementCapacityUse.LimitService;
        var p = ctx.Problem;
        bool single = ctx.Options.SingleSource;
        using var s = new MipSession(ctx, side);
        var obj = s.Solver.Objective();
        var z = new Variable?[p.SiteCount, p.DemandCount];
        var capRows = new Constraint?[p.SiteCount];
        for (int j = 0; j < p.SiteCount; j++)
        {
            if (!ctx.Eligible[j])
            {
                continue;
            }

            if (!coverage)
            {
                obj.SetCoefficient(s.X[j], p.Sites[j].FixedCost);
            }

            if (s.ImposeCapacity && double.IsFinite(p.Sites[j].Capacity))
            {
                capRows[j] = s.Solver.MakeConstraint(double.NegativeInfinity, 0);
                capRows[j]!.SetCoefficient(s.X[j], -p.Sites[j].Capacity);
            }
        }

        for (int i = 0; i < p.DemandCount; i++)
        {
            var d = p.Demand[i];
            if (coverage && d.Weight == 0)
            {
                continue;
            }

            var row = coverage ? s.Solver.MakeConstraint(0, 1) : s.Solver.MakeConstraint(1, 1);
            bool any = false;
            for (int j = 0; j < p.SiteCount; j++)
            {
                bool usable = coverage ? ctx.Covers(j, i) : ctx.Eligible[j] && double.IsFinite(p.Cost[j, i]);
                if (!usable)
                {
                    continue;
                }

                any = true;
                var v = single ? s.Solver.MakeIntVar(0, 1, string.Empty) : s.Solver.MakeNumVar(0, 1, string.Empty);
                z[j, i] = v;
                row.SetCoefficient(v, 1);
                obj.SetCoefficient(v, coverage ? d.Weight : d.Weight * p.Cost[j, i]);
                capRows[j]?.SetCoefficient(v, d.Demand);
                if (strongLinking || capRows[j] is null)
                {
                    var link = s.Solver.MakeConstraint(double.NegativeInfinity, 0);
                    link.SetCoefficient(v, 1);
                    link.SetCoefficient(s.X[j], -1);
                }
            }

            if (!any)
            {
                row.SetBounds(0, 0);
            }
        }

        if (flowHint is not null && hint is not null)
        {
            var open = new HashSet<int>(hint);
            var vars = new List<Variable>(s.X);
            var values = s.X.Select((_, j) => open.Contains(j) ? 1.0 : 0.0).ToList();
            for (int j = 0; j < p.SiteCount; j++)
            {
                for (int i = 0; i < p.DemandCount; i++)
                {
                    if (z[j, i] is { } v)
                    {
                        vars.Add(v);
                        values.Add(flowHint(j, i));
                    }
                }
            }

            s.Solver.SetHint(vars.ToArray(), values.ToArray());
        }
        else
        {
            s.HintOpenSites(hint);
        }

        // The limit counts from the call: building a large model takes part of it.
        var outcome = s.Solve(ct, timeLimit is { } t ? TimeSpan.FromMilliseconds(Math.Max(100, (t - built.Elapsed).TotalMilliseconds)) : null);
        if (!HasSolution(outcome))
        {
            return new ModelSolution(outcome, []);
        }

        var flows = new List<DemandAssignment>();
        for (int i = 0; i < p.DemandCount; i++)
        {
            for (int j = 0; j < p.SiteCount; j++)
            {
                if (z[j, i] is { } v && v.SolutionValue() > 1e-6)
                {
                    flows.Add(new DemandAssignment(p.Demand[i].Id, p.Sites[j].Id, Math.Min(1, v.SolutionValue()), p.Cost[j, i]));
                }
            }
        }

        return new ModelSolution(outcome, s.OpenSites(), flows);
    }

    /// <summary>Groups demand points by the set of eligible sites covering them; sums the weights.</summary>
    internal static List<(List<int> Cover, double Weight)> CoverClasses(PlacementContext ctx, bool merge = true)
    {
        var p = ctx.Problem;
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var classes = new List<(List<int> Cover, double Weight)>();
        for (int i = 0; i < p.DemandCount; i++)
        {
            var cover = new List<int>();
            for (int j = 0; j < p.SiteCount; j++)
            {
                if (ctx.Covers(j, i))
                {
                    cover.Add(j);
                }
            }

            if (cover.Count == 0)
            {
                continue;
            }

            string key = merge ? string.Join(',', cover) : "#" + i;
            if (map.TryGetValue(key, out int idx))
            {
                classes[idx] = (classes[idx].Cover, classes[idx].Weight + p.Demand[i].Weight);
            }
            else
            {
                map[key] = classes.Count;
                classes.Add((cover, p.Demand[i].Weight));
            }
        }

        return classes;
    }

    /// <summary>Writes the eligible sites with a finite cost to demand point i into <paramref name="order"/>; returns their count.</summary>
    internal static int Reachable(PlacementContext ctx, int i, int[] order)
    {
        int n = 0;
        for (int j = 0; j < ctx.Problem.SiteCount; j++)
        {
            if (ctx.Eligible[j] && double.IsFinite(ctx.Problem.Cost[j, i]))
            {
                order[n++] = j;
            }
        }

        return n;
    }
}
