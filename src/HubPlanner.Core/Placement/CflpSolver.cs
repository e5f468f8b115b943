using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace HubPlanner.Core.Placement;

/// <summary>
/// CFLP at scale (finite capacities, no spacing, budget or hub limit): a Lagrangian relaxation of the demand rows
/// Σ_j z_ij = 1 (one continuous knapsack per site, then the sites chosen by the LP of Σ capacity × x ≥ total demand)
/// with subgradient steps for the bound; Lagrangian heuristics (the sites the relaxation opens, completed to enough
/// capacity, assigned by regret, improved by drop / add moves) for feasible solutions; the best site set assigned
/// exactly (a transportation LP for split demand, regret assignment + shift moves for single source); reduced-cost
/// fixing of sites; then the strong MIP on the sites left with the full start as hint. The better of the heuristic
/// and the MIP is returned with the larger of the Lagrangian and MIP bounds. Other cases go to the plain MIP.
/// </summary>
internal static class CflpSolver
{
    public static ModelSolution Solve(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, PlacementRun run)
    {
        if (!IsPlain(ctx, side))
        {
            return PlacementModels.Capacitated(ctx, side, hint, run.Cancellation, timeLimit: CoveringSolver.Remaining(ctx, run.Clock));
        }

        var clock = run.Clock;
        var ct = run.Cancellation;
        var dt = new Data(ctx);
        var lagrangeEnd = ctx.Options.TimeLimit is { } tl ? clock.Elapsed + (tl - clock.Elapsed) * 0.35 : (TimeSpan?)null;

        // Start: sites added by fixed cost (plus mean service cost) per unit of capacity until the capacity covers the
        // demand with some slack; the best of a few slacks, improved by drop / add to a local optimum (not cut by the
        // time limit: the answer is never worse than this heuristic).
        var seed = hint?.Where(j => dt.Eligible[j]).ToList() ?? [];
        Solution? first = null;
        foreach (var (slack, withService) in new[] { (1.05, true), (1.3, false), (2.0, false), (3.0, false) })
        {
            if (dt.Assign(dt.Complete(seed.ToList(), slack, withService)) is { } s && (first is null || s.Cost < first.Cost))
            {
                first = s;
            }
        }

        var incumbent = dt.Improve(first?.Open ?? (IReadOnlyList<int>)dt.Complete(seed, 1.05), clock, null, ct);
        run.Progress?.Report(new PlacementProgress("greedy + drop/add", incumbent?.Cost, null, clock.Elapsed));

        var lr = dt.Lagrangian(ref incumbent, clock, lagrangeEnd, ct);
        if (incumbent is null)
        {
            return PlacementModels.Capacitated(ctx, side, hint, run.Cancellation, timeLimit: CoveringSolver.Remaining(ctx, clock));
        }

        // The exact assignment of the best site set (split demand: the transportation LP; single source: shifts and swaps).
        var exact = dt.Single ? dt.Assign(incumbent.Open, swaps: true) : dt.Transport(incumbent.Open);
        if (exact is not null && exact.Cost < incumbent.Cost)
        {
            incumbent = exact;
        }

        double ub = incumbent.Cost;
        double lb = lr.Bound;
        run.Progress?.Report(new PlacementProgress($"lagrangian ({lr.Iterations} iterations, {lr.FixedClosed} sites fixed closed, {lr.FixedOpen} open)", ub, lb, clock.Elapsed));
        if (Proven(ub, lb, ctx.Options.RelativeGap))
        {
            return Result(dt, incumbent, new MipOutcome(SolveStatus.Optimal, ub, Math.Min(lb, ub), 0, clock.Elapsed, 0, 0), "lagrangian bound");
        }

        var reduced = ctx.WithFixings(lr.Eligible, lr.MustOpen);
        var best = incumbent;
        if (lr.Eligible.Count(e => e) * dt.N > KernelAbove && ctx.Options.TimeLimit is not null)
        {
            // Still too large for the exact MIP in the time: the MIP on a kernel of sites and of each point's cheapest
            // kernel sites, a heuristic whose solution is feasible for the whole instance; the bound stays the Lagrangian.
            var kernel = Kernel(ctx, dt, lr, best);
            var km = PlacementModels.Capacitated(
                kernel, side, best.Open, ct, flowHint: (j, i) => best.Flow[(j * dt.N) + i], timeLimit: CoveringSolver.Remaining(ctx, clock));
            var ko = km.Outcome;
            run.Progress?.Report(new PlacementProgress($"kernel MIP ({kernel.Eligible.Count(e => e)} sites)", ko.Objective, lb, clock.Elapsed));
            if (ko.Status is SolveStatus.Optimal or SolveStatus.Feasible && ko.Objective < ub - (1e-9 * Math.Max(1, Math.Abs(ub))))
            {
                var kst = Proven(ko.Objective, lb, ctx.Options.RelativeGap) ? SolveStatus.Optimal : SolveStatus.Feasible;
                return km with { Outcome = ko with { Status = kst, Bound = Math.Min(lb, ko.Objective) }, HeuristicObjective = ub, Engine = "kernel MIP" };
            }

            return Result(dt, incumbent, new MipOutcome(SolveStatus.Feasible, ub, Math.Min(lb, ub), ko.Nodes, clock.Elapsed, ko.Variables, ko.Constraints), "lagrangian heuristic");
        }

        var mip = PlacementModels.Capacitated(
            reduced, side, best.Open, ct, flowHint: (j, i) => best.Flow[(j * dt.N) + i], timeLimit: CoveringSolver.Remaining(ctx, clock));
        var o = mip.Outcome;

        // The reduced MIP's bound holds for solutions better than the incumbent: the incumbent caps it.
        if (double.IsFinite(o.Bound) && o.Status != SolveStatus.Infeasible)
        {
            lb = Math.Max(lb, Math.Min(o.Bound, ub));
        }
        else if (o.Status == SolveStatus.Infeasible)
        {
            lb = ub;
        }

        if (o.Status is SolveStatus.Optimal or SolveStatus.Feasible && o.Objective < ub - (1e-9 * Math.Max(1, Math.Abs(ub))))
        {
            var st = Proven(o.Objective, lb, ctx.Options.RelativeGap) ? SolveStatus.Optimal : SolveStatus.Feasible;
            return mip with { Outcome = o with { Status = st, Bound = Math.Min(lb, o.Objective) }, HeuristicObjective = ub };
        }

        var status = Proven(ub, lb, ctx.Options.RelativeGap) ? SolveStatus.Optimal : SolveStatus.Feasible;
        return Result(dt, incumbent, new MipOutcome(status, ub, Math.Min(lb, ub), o.Nodes, clock.Elapsed, o.Variables, o.Constraints), mip.Engine);
    }

    /// <summary>Sites × points above which the exact MIP is replaced by the kernel MIP (measured: SCIP finds no better
    /// solution on 100 × 1,000 in a minute; cap41–cap134 stay exact).</summary>
    private const int KernelAbove = 60_000;

    /// <summary>Pairs kept per point in the kernel: its cheapest kernel sites.</summary>
    private const int KernelPairs = 6;

    /// <summary>
    /// The kernel: the incumbent's sites, those the relaxation opens at the best multipliers and the 10 of least
    /// f_j + v_j; each point may use only its <see cref="KernelPairs"/> cheapest kernel sites (and those serving it
    /// in the incumbent). Built as a copy of the problem with the other costs +∞.
    /// </summary>
    private static PlacementContext Kernel(PlacementContext ctx, Data dt, LagrangianOutcome lr, Solution best)
    {
        var inKernel = new bool[dt.M];
        foreach (int j in best.Open.Concat(lr.Kernel))
        {
            inKernel[j] = lr.Eligible[j];
        }

        var sites = Enumerable.Range(0, dt.M).Where(j => inKernel[j]).ToArray();
        var allowed = new bool[dt.M * dt.N];
        for (int i = 0; i < dt.N; i++)
        {
            foreach (int j in sites.OrderBy(j => dt.A[(j * dt.N) + i]).Take(KernelPairs))
            {
                allowed[(j * dt.N) + i] = true;
            }

            foreach (int j in best.Open)
            {
                if (best.Flow[(j * dt.N) + i] > 0)
                {
                    allowed[(j * dt.N) + i] = true;
                }
            }
        }

        var p = ctx.Problem;
        var copy = PlacementProblem.Create(p.Sites, p.Demand, (j, i) => allowed[(j * dt.N) + i] ? p.Cost[j, i] : double.PositiveInfinity, p.SiteDistanceKm, p.Ineligible);
        return new PlacementContext(copy, ctx.Options, ctx.Model).WithFixings(inKernel, lr.MustOpen);
    }

    private static bool Proven(double ub, double lb, double relativeGap) =>
        double.IsFinite(lb) && ub - lb <= Math.Max(1e-9, relativeGap) * Math.Max(1, Math.Abs(ub));

    private static ModelSolution Result(Data dt, Solution sol, MipOutcome outcome, string? engine)
    {
        var p = dt.Ctx.Problem;
        var flows = new List<DemandAssignment>();
        for (int i = 0; i < dt.N; i++)
        {
            foreach (int j in sol.Open)
            {
                double z = sol.Flow[(j * dt.N) + i];
                if (z > 1e-6)
                {
                    flows.Add(new DemandAssignment(p.Demand[i].Id, p.Sites[j].Id, Math.Min(1, z), p.Cost[j, i]));
                }
            }
        }

        return new ModelSolution(outcome, sol.Open, flows, sol.Cost, engine);
    }

    /// <summary>Finite capacities, every point reachable, enough capacity, and no side constraint but the capacities.</summary>
    private static bool IsPlain(PlacementContext ctx, SideConstraints side)
    {
        var p = ctx.Problem;
        if ((side & SideConstraints.Capacity) == 0 || !CoveringSolver.OnlyHubLimit(ctx, side)
            || (ctx.Options.HubLimit is not null && (side & SideConstraints.HubLimit) != 0))
        {
            return false;
        }

        double capacity = 0;
        for (int j = 0; j < p.SiteCount; j++)
        {
            if (ctx.Eligible[j])
            {
                if (!double.IsFinite(p.Sites[j].Capacity))
                {
                    return false;
                }

                capacity += p.Sites[j].Capacity;
            }
        }

        for (int i = 0; i < p.DemandCount; i++)
        {
            bool any = false;
            for (int j = 0; j < p.SiteCount && !any; j++)
            {
                any = ctx.Eligible[j] && double.IsFinite(p.Cost[j, i]) && p.Sites[j].Capacity >= p.Demand[i].Demand;
            }

            if (!any)
            {
                return false;
            }
        }

        return capacity >= p.Demand.Sum(d => d.Demand);
    }

    /// <summary>A feasible solution: open sites (ascending), the share of each point served by each site ([j × n + i]), its cost.</summary>
    private sealed record Solution(int[] Open, double[] Flow, double Cost);

    private sealed record LagrangianOutcome(double Bound, int Iterations, bool[] Eligible, bool[] MustOpen, int FixedClosed, int FixedOpen, int[] Kernel);

    private sealed class Data
    {
        public Data(PlacementContext ctx)
        {
            Ctx = ctx;
            var p = ctx.Problem;
            M = p.SiteCount;
            N = p.DemandCount;
            Single = ctx.Options.SingleSource;
            Eligible = ctx.Eligible;
            Must = ctx.MustOpen.Select((f, j) => f && ctx.Eligible[j]).ToArray();
            A = new double[M * N];
            D = p.Demand.Select(x => x.Demand).ToArray();
            S = p.Sites.Select(x => x.Capacity).ToArray();
            F = p.Sites.Select(x => x.FixedCost).ToArray();
            for (int j = 0; j < M; j++)
            {
                for (int i = 0; i < N; i++)
                {
                    double c = p.Cost[j, i];
                    A[(j * N) + i] = Eligible[j] && double.IsFinite(c) && (!Single || D[i] <= S[j]) ? p.Demand[i].Weight * c : double.PositiveInfinity;
                }
            }

            Total = D.Sum();
        }

        public PlacementContext Ctx { get; }

        public int M { get; }

        public int N { get; }

        public bool Single { get; }

        public bool[] Eligible { get; }

        public bool[] Must { get; }

        /// <summary>Cost of serving all of point i from site j, [j × n + i]; +∞ when not allowed.</summary>
        public double[] A { get; }

        public double[] D { get; }

        public double[] S { get; }

        public double[] F { get; }

        public double Total { get; }

        /// <summary>Adds sites (forced first, then by fixed cost, with <paramref name="withService"/> plus the mean cost of filling them, per unit of capacity) until the capacity is <paramref name="slack"/> × demand.</summary>
        public List<int> Complete(List<int> open, double slack, bool withService = true)
        {
            var set = new HashSet<int>(open);
            for (int j = 0; j < M; j++)
            {
                if (Must[j])
                {
                    set.Add(j);
                }
            }

            double cap = set.Sum(j => S[j]);
            foreach (int j in Enumerable.Range(0, M).Where(j => Eligible[j] && !set.Contains(j)).OrderBy(j => (F[j] + (withService ? AverageCost(j) : 0)) / Math.Max(S[j], 1e-9)))
            {
                if (cap >= slack * Total)
                {
                    break;
                }

                set.Add(j);
                cap += S[j];
            }

            return set.Order().ToList();
        }

        private double AverageCost(int j)
        {
            double sum = 0;
            int k = 0;
            for (int i = 0; i < N; i++)
            {
                double a = A[(j * N) + i];
                if (double.IsFinite(a))
                {
                    sum += a / Math.Max(D[i], 1e-9);
                    k++;
                }
            }

            return k == 0 ? double.PositiveInfinity : S[j] * sum / k;
        }

        /// <summary>
        /// Regret assignment of every point to the open sites (largest difference between its best and second-best
        /// site first, to the cheapest site with room; split demand takes what is left and moves on), then shift
        /// moves for single source. Null when some point finds no room.
        /// </summary>
        public Solution? Assign(IReadOnlyList<int> open, bool swaps = false)
        {
            var room = new double[M];
            foreach (int j in open)
            {
                room[j] = S[j];
            }

            var regret = new double[N];
            for (int i = 0; i < N; i++)
            {
                double b1 = double.PositiveInfinity, b2 = double.PositiveInfinity;
                foreach (int j in open)
                {
                    double a = A[(j * N) + i];
                    if (a < b1)
                    {
                        b2 = b1;
                        b1 = a;
                    }
                    else if (a < b2)
                    {
                        b2 = a;
                    }
                }

                if (!double.IsFinite(b1))
                {
                    return null;
                }

                regret[i] = double.IsFinite(b2) ? b2 - b1 : double.MaxValue;
            }

            var order = Enumerable.Range(0, N).OrderByDescending(i => regret[i]).ThenByDescending(i => D[i]).ToArray();
            var flow = new double[M * N];
            var sorted = open.ToArray();
            var byCost = new int[sorted.Length];
            foreach (int i in order)
            {
                Array.Copy(sorted, byCost, sorted.Length);
                Array.Sort(byCost, (x, y) => A[(x * N) + i].CompareTo(A[(y * N) + i]));
                double left = 1;
                foreach (int j in byCost)
                {
                    if (!double.IsFinite(A[(j * N) + i]))
                    {
                        break;
                    }

                    if (D[i] == 0)
                    {
                        flow[(j * N) + i] = 1;
                        left = 0;
                        break;
                    }

                    if (Single)
                    {
                        if (room[j] >= D[i] - 1e-9)
                        {
                            flow[(j * N) + i] = 1;
                            room[j] -= D[i];
                            left = 0;
                            break;
                        }

                        continue;
                    }

                    double take = Math.Min(left, room[j] / D[i]);
                    if (take <= 1e-12)
                    {
                        continue;
                    }

                    flow[(j * N) + i] += take;
                    room[j] -= take * D[i];
                    left -= take;
                    if (left <= 1e-12)
                    {
                        left = 0;
                        break;
                    }
                }

                if (left > 0)
                {
                    return null;
                }
            }

            if (Single)
            {
                ShiftMoves(sorted, flow, room, swaps);
            }

            return Evaluate(sorted, flow);
        }

        /// <summary>Single source: moves a point to a cheaper open site with room (and, with <paramref name="swaps"/>, swaps two points between sites) until no move improves.</summary>
        private void ShiftMoves(int[] open, double[] flow, double[] room, bool swaps)
        {
            var at = new int[N];
            for (int i = 0; i < N; i++)
            {
                at[i] = open.First(j => flow[(j * N) + i] > 0.5);
            }

            for (int pass = 0; pass < 20; pass++)
            {
                bool improved = false;
                for (int i = 0; i < N; i++)
                {
                    int from = at[i];
                    double here = A[(from * N) + i];
                    int bestTo = -1, bestSwap = -1;
                    double bestGain = 1e-9;
                    foreach (int j in open)
                    {
                        double a = A[(j * N) + i];
                        if (j == from || a >= here)
                        {
                            continue;
                        }

                        if (room[j] >= D[i] - 1e-9)
                        {
                            if (here - a > bestGain)
                            {
                                (bestGain, bestTo, bestSwap) = (here - a, j, -1);
                            }
                        }
                    }

                    if (bestTo < 0 && swaps)
                    {
                        // Swap with a point k at a cheaper site j: i → j, k → from, capacities permitting.
                        for (int k = 0; k < N; k++)
                        {
                            int j = at[k];
                            if (j == from || A[(j * N) + i] >= here)
                            {
                                continue;
                            }

                            double gain = here + A[(j * N) + k] - A[(j * N) + i] - A[(from * N) + k];
                            if (gain > bestGain && room[j] + D[k] >= D[i] - 1e-9 && room[from] + D[i] >= D[k] - 1e-9)
                            {
                                (bestGain, bestTo, bestSwap) = (gain, j, k);
                            }
                        }
                    }

                    if (bestTo < 0)
                    {
                        continue;
                    }

                    flow[(from * N) + i] = 0;
                    flow[(bestTo * N) + i] = 1;
                    room[from] += D[i];
                    room[bestTo] -= D[i];
                    at[i] = bestTo;
                    if (bestSwap >= 0)
                    {
                        int k = bestSwap;
                        flow[(bestTo * N) + k] = 0;
                        flow[(from * N) + k] = 1;
                        room[bestTo] += D[k];
                        room[from] -= D[k];
                        at[k] = from;
                    }

                    improved = true;
                }

                if (!improved)
                {
                    break;
                }
            }
        }

        private Solution Evaluate(int[] open, double[] flow)
        {
            double cost = open.Sum(j => F[j]);
            foreach (int j in open)
            {
                for (int i = 0; i < N; i++)
                {
                    double z = flow[(j * N) + i];
                    if (z > 0)
                    {
                        cost += z * A[(j * N) + i];
                    }
                }
            }

            return new Solution(open, flow, cost);
        }

        /// <summary>Drop / add / swap local search on the open set, each candidate assigned by <see cref="Assign"/>; first improvement.</summary>
        public Solution? Improve(IReadOnlyList<int> open, Stopwatch clock, TimeSpan? deadline, CancellationToken ct)
        {
            var best = Assign(open);
            if (best is null)
            {
                var wider = Complete(open.ToList(), 1.25);
                best = Assign(wider);
                if (best is null)
                {
                    return null;
                }
            }

            bool improved = true;
            while (improved && !ct.IsCancellationRequested && (deadline is not { } d || clock.Elapsed < d))
            {
                improved = false;

                // Drop: the open sites by least use first.
                foreach (int j in best.Open.OrderBy(j => Used(best, j) / Math.Max(S[j], 1e-9)).ToArray())
                {
                    if (Must[j] || best.Open.Sum(k => S[k]) - S[j] < Total)
                    {
                        continue;
                    }

                    if (Assign(best.Open.Where(k => k != j).ToArray()) is { } cand && cand.Cost < best.Cost - 1e-9)
                    {
                        best = cand;
                        improved = true;
                        break;
                    }
                }

                if (improved || (deadline is { } d2 && clock.Elapsed >= d2))
                {
                    continue;
                }

                // Add: closed sites whose cheaper service would pay for their fixed cost, best estimate first.
                var isOpen = new bool[M];
                foreach (int j in best.Open)
                {
                    isOpen[j] = true;
                }

                var current = new double[N];
                for (int i = 0; i < N; i++)
                {
                    foreach (int j in best.Open)
                    {
                        current[i] += best.Flow[(j * N) + i] * A[(j * N) + i];
                    }
                }

                var ranked = Enumerable.Range(0, M).Where(j => Eligible[j] && !isOpen[j])
                    .Select(j => (j, saving: Saving(j, current) - F[j])).OrderByDescending(t => t.saving).ToArray();
                foreach (var (j, _) in ranked.Where(t => t.saving > 0).Take(5))
                {
                    var with = best.Open.Append(j).Order().ToArray();
                    if (Assign(with) is { } cand && cand.Cost < best.Cost - 1e-9)
                    {
                        best = cand;
                        improved = true;
                        break;
                    }
                }

                if (improved || (deadline is { } d3 && clock.Elapsed >= d3))
                {
                    continue;
                }

                // Swap: close one of the least used sites, open one of the most promising closed ones.
                foreach (int j in best.Open.Where(j => !Must[j]).OrderBy(j => Used(best, j) / Math.Max(S[j], 1e-9)).Take(8).ToArray())
                {
                    foreach (var (k, _) in ranked.Take(8))
                    {
                        if (best.Open.Sum(o => S[o]) - S[j] + S[k] < Total)
                        {
                            continue;
                        }

                        var swapped = best.Open.Where(o => o != j).Append(k).Order().ToArray();
                        if (Assign(swapped) is { } cand && cand.Cost < best.Cost - 1e-9)
                        {
                            best = cand;
                            improved = true;
                            break;
                        }
                    }

                    if (improved)
                    {
                        break;
                    }
                }
            }

            return best;
        }

        private double Used(Solution s, int j)
        {
            double u = 0;
            for (int i = 0; i < N; i++)
            {
                u += s.Flow[(j * N) + i] * D[i];
            }

            return u;
        }

        /// <summary>What opening j would save if it took the points it serves more cheaply, up to its capacity (best savings per unit first).</summary>
        private double Saving(int j, double[] current)
        {
            var items = new List<(double PerUnit, double Save, double Demand)>();
            for (int i = 0; i < N; i++)
            {
                double save = current[i] - A[(j * N) + i];
                if (save > 0)
                {
                    items.Add((save / Math.Max(D[i], 1e-9), save, D[i]));
                }
            }

            items.Sort((x, y) => y.PerUnit.CompareTo(x.PerUnit));
            double room = S[j], total = 0;
            foreach (var (_, save, dem) in items)
            {
                if (room <= 0)
                {
                    break;
                }

                double take = dem <= 0 ? 1 : Math.Min(1, room / dem);
                if (Single && take < 1)
                {
                    continue;
                }

                total += take * save;
                room -= take * dem;
            }

            return total;
        }

        /// <summary>The transportation LP (GLOP) of split demand over the open sites: the exact assignment.</summary>
        public Solution? Transport(int[] open)
        {
            using var lp = Solver.CreateSolver("GLOP");
            if (lp is null)
            {
                return null;
            }

            var z = new Variable?[open.Length, N];
            var rows = new Constraint[N];
            for (int i = 0; i < N; i++)
            {
                rows[i] = lp.MakeConstraint(1, 1, string.Empty);
            }

            var obj = lp.Objective();
            for (int k = 0; k < open.Length; k++)
            {
                int j = open[k];
                var cap = lp.MakeConstraint(double.NegativeInfinity, S[j], string.Empty);
                for (int i = 0; i < N; i++)
                {
                    double a = A[(j * N) + i];
                    if (!double.IsFinite(a))
                    {
                        continue;
                    }

                    var v = lp.MakeNumVar(0, 1, string.Empty);
                    z[k, i] = v;
                    rows[i].SetCoefficient(v, 1);
                    cap.SetCoefficient(v, D[i]);
                    obj.SetCoefficient(v, a);
                }
            }

            obj.SetMinimization();
            if (lp.Solve() != Solver.ResultStatus.OPTIMAL)
            {
                return null;
            }

            var flow = new double[M * N];
            for (int k = 0; k < open.Length; k++)
            {
                for (int i = 0; i < N; i++)
                {
                    if (z[k, i] is { } v)
                    {
                        double val = v.SolutionValue();
                        flow[(open[k] * N) + i] = val > 1e-9 ? Math.Min(1, val) : 0;
                    }
                }
            }

            return Evaluate(open, flow);
        }

        /// <summary>
        /// Subgradient ascent on L(λ) = Σ λ_i + Σ_j (f_j + v_j(λ)) x_j, v_j the continuous knapsack of site j over
        /// a_ij − λ_i &lt; 0, x the LP choice of sites with Σ capacity × x ≥ total demand (forced sites open). Every
        /// few steps the sites with x &gt; 0 seed a Lagrangian heuristic. At the best λ, a site whose forced opening
        /// (closing) lifts L above the incumbent is fixed closed (open).
        /// </summary>
        public LagrangianOutcome Lagrangian(ref Solution? incumbent, Stopwatch clock, TimeSpan? deadline, CancellationToken ct)
        {
            var lambda = new double[N];
            for (int i = 0; i < N; i++)
            {
                // The cheapest cost per point counting most of a share of the site's fixed cost. With the whole share,
                // f_j + v_j = 0 at many sites: ties that make the first supergradient a non-ascent direction.
                double best = double.PositiveInfinity;
                for (int j = 0; j < M; j++)
                {
                    double a = A[(j * N) + i];
                    if (double.IsFinite(a))
                    {
                        best = Math.Min(best, a + (0.9 * F[j] * D[i] / Math.Max(S[j], 1e-9)));
                    }
                }

                lambda[i] = best;
            }

            var v = new double[M];
            var x = new double[M];
            var chosen = new List<(int I, double Z)>[M];
            for (int j = 0; j < M; j++)
            {
                chosen[j] = [];
            }

            var g = new double[N];
            var dir = new double[N];
            double bestBound = double.NegativeInfinity, theta = 2;
            var bestLambda = (double[])lambda.Clone();
            int stall = 0, it = 0;
            var tried = new HashSet<string>(StringComparer.Ordinal);
            int maxIterations = 3000;
            for (; it < maxIterations && !ct.IsCancellationRequested && (deadline is not { } d || clock.Elapsed < d); it++)
            {
                double l = Bound(lambda, v, x, chosen);
                if (double.IsNegativeInfinity(bestBound) || l > bestBound + (1e-9 * Math.Max(1, Math.Abs(bestBound))))
                {
                    bestBound = l;
                    Array.Copy(lambda, bestLambda, N);
                    stall = 0;
                }
                else if (++stall >= 40)
                {
                    // Back to the best multipliers with half the step.
                    theta /= 2;
                    stall = 0;
                    Array.Copy(bestLambda, lambda, N);
                    Array.Clear(dir);
                    l = Bound(lambda, v, x, chosen);
                }

                if (it % 25 == 0)
                {
                    var open = Enumerable.Range(0, M).Where(j => x[j] > 1e-9).ToList();
                    var key = string.Join(',', open);
                    if (tried.Add(key))
                    {
                        var cand = Improve(Complete(open, Single ? 1.02 : 1.0), clock, deadline, ct);
                        if (cand is not null && (incumbent is null || cand.Cost < incumbent.Cost))
                        {
                            incumbent = cand;
                        }
                    }
                }

                double ub = incumbent?.Cost ?? double.PositiveInfinity;
                if ((double.IsFinite(ub) && ub - bestBound <= 1e-9 * Math.Max(1, Math.Abs(ub))) || theta < 1e-4)
                {
                    it++;
                    break;
                }

                Array.Fill(g, 1.0);
                for (int j = 0; j < M; j++)
                {
                    if (x[j] <= 0)
                    {
                        continue;
                    }

                    foreach (var (i, z) in chosen[j])
                    {
                        g[i] -= x[j] * z;
                    }
                }

                // Deflected direction (Camerini–Fratta–Maffioli): half of the previous one added, which damps the zigzag.
                for (int i = 0; i < N; i++)
                {
                    dir[i] = g[i] + (0.5 * dir[i]);
                }

                double norm = dir.Sum(t => t * t);
                if (norm < 1e-12)
                {
                    it++;
                    break;
                }

                double target = double.IsFinite(ub) ? ub : l + (0.05 * Math.Abs(l)) + 1;
                double step = theta * (target - l) / norm;
                for (int i = 0; i < N; i++)
                {
                    lambda[i] += step * dir[i];
                }
            }

            // Reduced-cost fixing at the best multipliers.
            double atBest = Bound(bestLambda, v, x, chosen);
            double bound = Math.Max(bestBound, atBest);
            var eligible = (bool[])Eligible.Clone();
            var must = (bool[])Must.Clone();
            int closed = 0, opened = 0;
            if (incumbent is { } inc)
            {
                double lambdaSum = bestLambda.Sum();
                double tol = 1e-9 * Math.Max(1, Math.Abs(inc.Cost));
                for (int j = 0; j < M; j++)
                {
                    if (!Eligible[j] || Must[j])
                    {
                        continue;
                    }

                    if (x[j] < 1 - 1e-9 && lambdaSum + SiteChoice(v, j, 1) > inc.Cost + tol)
                    {
                        eligible[j] = false;
                        closed++;
                    }
                    else if (x[j] > 1e-9 && lambdaSum + SiteChoice(v, j, 0) > inc.Cost + tol)
                    {
                        must[j] = true;
                        opened++;
                    }
                }
            }

            // The kernel: sites open at the best multipliers, then the 10 of least f_j + v_j.
            var kernel = Enumerable.Range(0, M).Where(j => eligible[j] && x[j] > 1e-9)
                .Concat(Enumerable.Range(0, M).Where(j => eligible[j]).OrderBy(j => F[j] + v[j]).Take(10)).Distinct().ToArray();
            return new LagrangianOutcome(bound, it, eligible, must, closed, opened, kernel);
        }

        /// <summary>L(λ); fills v_j, the site choice x and each site's knapsack.</summary>
        private double Bound(double[] lambda, double[] v, double[] x, List<(int I, double Z)>[] chosen)
        {
            var items = new List<(int I, double Ratio, double R)>();
            for (int j = 0; j < M; j++)
            {
                chosen[j].Clear();
                v[j] = 0;
                if (!Eligible[j])
                {
                    continue;
                }

                items.Clear();
                int row = j * N;
                for (int i = 0; i < N; i++)
                {
                    double r = A[row + i] - lambda[i];
                    if (r < 0)
                    {
                        items.Add((i, D[i] > 0 ? r / D[i] : double.NegativeInfinity, r));
                    }
                }

                items.Sort((a, b) => a.Ratio.CompareTo(b.Ratio));
                double room = S[j];
                foreach (var (i, _, r) in items)
                {
                    double z = D[i] <= 0 ? 1 : Math.Min(1, room / D[i]);
                    if (z <= 0)
                    {
                        break;
                    }

                    chosen[j].Add((i, z));
                    v[j] += r * z;
                    room -= z * D[i];
                }
            }

            double value = lambda.Sum() + SiteChoice(v, -1, -1, x);
            return value;
        }

        /// <summary>
        /// min Σ (f_j + v_j) x_j over x ∈ [0, 1] with Σ S_j x_j ≥ total demand and forced sites at 1, optionally with
        /// site <paramref name="fixSite"/> fixed to <paramref name="fixValue"/>; writes x when given.
        /// </summary>
        private double SiteChoice(double[] v, int fixSite, int fixValue, double[]? x = null)
        {
            double value = 0, cap = 0;
            var rest = new List<int>();
            for (int j = 0; j < M; j++)
            {
                if (x is not null)
                {
                    x[j] = 0;
                }

                if (!Eligible[j] || (j == fixSite && fixValue == 0))
                {
                    continue;
                }

                double c = F[j] + v[j];
                if (Must[j] || (j == fixSite && fixValue == 1) || c < 0)
                {
                    value += c;
                    cap += S[j];
                    if (x is not null)
                    {
                        x[j] = 1;
                    }
                }
                else
                {
                    rest.Add(j);
                }
            }

            if (cap < Total)
            {
                rest.Sort((a, b) => ((F[a] + v[a]) / S[a]).CompareTo((F[b] + v[b]) / S[b]));
                foreach (int j in rest)
                {
                    if (cap >= Total)
                    {
                        break;
                    }

                    double share = Math.Min(1, (Total - cap) / S[j]);
                    value += share * (F[j] + v[j]);
                    cap += share * S[j];
                    if (x is not null)
                    {
                        x[j] = share;
                    }
                }

                if (cap < Total - 1e-9)
                {
                    return double.PositiveInfinity;
                }
            }

            return value;
        }
    }
}
