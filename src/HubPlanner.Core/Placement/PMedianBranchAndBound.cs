using System.Diagnostics;

namespace HubPlanner.Core.Placement;

/// <summary>
/// Depth-first branch and bound on the open-site variables with a Lagrangian bound at every node (the
/// relaxation of <see cref="PMedianLagrangian"/>, warm-started from the parent's multipliers), reduced-cost
/// fixing at every node and the relaxation's open set as a primal candidate (Beasley 1985 solved the OR-Library
/// p-median instances this way). It closes the LP gap of small-p instances far faster than an LP-based MIP whose
/// root LP alone is slow and degenerate at n = 400.
/// </summary>
internal static class PMedianBranchAndBound
{
    public sealed record Outcome(bool Proven, double UpperBound, int[] Incumbent, double LowerBound, long Nodes);

    /// <summary>A subproblem: per candidate site 1 = fixed open, -1 = fixed closed, 0 = free.</summary>
    private sealed record Node(sbyte[] State, double[] Lambda, double ParentBound, int Depth);

    /// <summary>
    /// The best Lagrangian bound found at a node, with the multipliers, site reduced costs ρ and the order of
    /// the free sites by ρ that achieved it; <c>Exact</c> when the subgradient vanished (the relaxation is integral).
    /// </summary>
    private sealed record NodeBound(double Value, double[] Lambda, double[] Rho, int[] Order, int FreeCount, bool Exact);

    public static Outcome Run(
        PlacementContext ctx, int p, bool[] candidate, bool[] mustOpen, double[] rootLambda, double upperBound, int[] incumbent,
        bool integral, TimeSpan? timeLimit, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var search = new Search(ctx, p, candidate, mustOpen, upperBound, incumbent, integral);
        var stack = new Stack<Node>();
        stack.Push(new Node(search.RootState(mustOpen), rootLambda, double.NegativeInfinity, 0));
        while (stack.Count > 0)
        {
            if (ct.IsCancellationRequested || (timeLimit is { } tl && sw.Elapsed > tl))
            {
                double openBound = stack.Min(s => s.ParentBound);
                return new Outcome(false, search.UpperBound, search.Incumbent, Math.Min(openBound, search.UpperBound), search.Nodes);
            }

            search.Process(stack.Pop(), stack);
        }

        return new Outcome(true, search.UpperBound, search.Incumbent, search.UpperBound, search.Nodes);
    }

    /// <summary>The state of one search: the weighted costs of the candidate sites, the incumbent and the scratch arrays of the bound.</summary>
    private sealed class Search
    {
        private readonly int _p;
        private readonly bool _integral;
        private readonly int[] _sites;
        private readonly int _k;
        private readonly int _n;

        /// <summary>weight_i × cost(site a, i), row-major by candidate a; 1e15 where unreachable.</summary>
        private readonly double[] _wc;
        private readonly double[] _rho;
        private readonly double[] _g;
        private readonly int[] _order;

        public Search(PlacementContext ctx, int p, bool[] candidate, bool[] mustOpen, double upperBound, int[] incumbent, bool integral)
        {
            var prob = ctx.Problem;
            _p = p;
            _integral = integral;
            _sites = Enumerable.Range(0, prob.SiteCount).Where(j => candidate[j] || mustOpen[j]).ToArray();
            _k = _sites.Length;
            _n = prob.DemandCount;
            _wc = PMedianLagrangian.RowMajor(_sites, _n, (j, i) => double.IsFinite(prob.Cost[j, i]) ? prob.Demand[i].Weight * prob.Cost[j, i] : 1e15);

            _rho = new double[_k];
            _g = new double[_n];
            _order = new int[_k];
            UpperBound = upperBound;
            Incumbent = incumbent;
        }

        public double UpperBound { get; private set; }

        public int[] Incumbent { get; private set; }

        public long Nodes { get; private set; }

        /// <summary>A node whose bound reaches this value cannot improve the incumbent (integral costs: by at least 1).</summary>
        private double Cutoff => _integral ? UpperBound - 1 + 1e-6 : UpperBound - 1e-9 * Math.Max(1, Math.Abs(UpperBound));

        public sbyte[] RootState(bool[] mustOpen)
        {
            var state = new sbyte[_k];
            for (int a = 0; a < _k; a++)
            {
                state[a] = mustOpen[_sites[a]] ? (sbyte)1 : (sbyte)0;
            }

            return state;
        }

        /// <summary>Bounds a node, tries its relaxation's open set as an incumbent, and pushes its children unless it is pruned.</summary>
        public void Process(Node node, Stack<Node> stack)
        {
            if (node.ParentBound >= Cutoff)
            {
                return;
            }

            Nodes++;
            var state = node.State;
            int opened = state.Count(s => s == 1);
            int free = state.Count(s => s == 0);
            int slots = Math.Min(_p - opened, free);
            if (slots <= 0 || free <= slots)
            {
                // Leaf: open the forced ones and (if they fit) every free site: more hubs never cost more.
                Evaluate(Enumerable.Range(0, _k).Where(a => state[a] == 1 || (state[a] == 0 && slots > 0)).ToArray());
                return;
            }

            var bound = Bound(node, slots);

            // Primal candidate: the relaxation's open set.
            Evaluate(Enumerable.Range(0, _k).Where(a => state[a] == 1).Concat(bound.Order.Take(slots)).ToArray());
            if (bound.Exact || bound.Value >= Cutoff)
            {
                return;
            }

            Branch(node, bound, slots, stack);
        }

        /// <summary>
        /// Subgradient ascent on the Lagrangian relaxation of the assignment rows with <paramref name="slots"/> free
        /// sites still to open: each step opens the fixed-open sites and the free ones of least reduced cost.
        /// </summary>
        private NodeBound Bound(Node node, int slots)
        {
            var state = node.State;
            var lambda = (double[])node.Lambda.Clone();
            double theta = node.Depth == 0 ? 1 : 0.25;
            double bound = double.NegativeInfinity;
            var bestLambda = (double[])lambda.Clone();
            double[] bestRho = new double[_k];
            int[] bestOrder = new int[_k];
            int freeCount = 0;
            int stall = 0;
            int maxIter = node.Depth == 0 ? 600 : 120;
            for (int iter = 0; iter < maxIter; iter++)
            {
                ReducedCosts(state, lambda);
                freeCount = SortFreeSites(state);
                double value = RelaxationValue(state, lambda, slots);
                if (value > bound + 1e-9)
                {
                    bound = value;
                    Array.Copy(_rho, bestRho, _k);
                    Array.Copy(_order, bestOrder, freeCount);
                    stall = 0;
                    Array.Copy(lambda, bestLambda, _n);
                }
                else if (++stall >= 10)
                {
                    theta /= 2;
                    stall = 0;
                }

                if (bound >= Cutoff || theta < 1e-4)
                {
                    break;
                }

                double norm = Subgradient(state, lambda, slots);
                if (norm == 0)
                {
                    return new NodeBound(bound, bestLambda, bestRho, bestOrder, freeCount, Exact: true);
                }

                double step = theta * Math.Max(UpperBound - value, 1e-6 * Math.Max(1, UpperBound)) / norm;
                for (int i = 0; i < _n; i++)
                {
                    lambda[i] = Math.Max(0, lambda[i] + step * _g[i]);
                }
            }

            return new NodeBound(bound, bestLambda, bestRho, bestOrder, freeCount, Exact: false);
        }

        /// <summary>ρ_a = Σ_i min(0, wc_ai − λ_i) for every site not fixed closed.</summary>
        private void ReducedCosts(sbyte[] state, double[] lambda)
        {
            for (int a = 0; a < _k; a++)
            {
                if (state[a] < 0)
                {
                    continue;
                }

                _rho[a] = PMedianLagrangian.ReducedCost(_wc, a * _n, lambda);
            }
        }

        /// <summary>Writes the free sites into the scratch order, by increasing ρ; returns their count.</summary>
        private int SortFreeSites(sbyte[] state)
        {
            int freeCount = 0;
            for (int a = 0; a < _k; a++)
            {
                if (state[a] == 0)
                {
                    _order[freeCount++] = a;
                }
            }

            Array.Sort(_order, 0, freeCount, Comparer<int>.Create((x, y) => _rho[x].CompareTo(_rho[y])));
            return freeCount;
        }

        /// <summary>Σ λ + ρ of the fixed-open sites + ρ of the <paramref name="slots"/> cheapest free sites.</summary>
        private double RelaxationValue(sbyte[] state, double[] lambda, int slots)
        {
            double value = 0;
            for (int i = 0; i < _n; i++)
            {
                value += lambda[i];
            }

            for (int a = 0; a < _k; a++)
            {
                if (state[a] == 1)
                {
                    value += _rho[a];
                }
            }

            for (int s = 0; s < slots; s++)
            {
                value += _rho[_order[s]];
            }

            return value;
        }

        /// <summary>g_i = 1 − (number of chosen sites with wc_ai &lt; λ_i) into the scratch array; returns ‖g‖².</summary>
        private double Subgradient(sbyte[] state, double[] lambda, int slots)
        {
            Array.Fill(_g, 1.0);
            for (int a = 0; a < _k; a++)
            {
                bool chosen = state[a] == 1;
                if (!chosen && state[a] == 0)
                {
                    for (int s = 0; s < slots && !chosen; s++)
                    {
                        chosen = _order[s] == a;
                    }
                }

                if (chosen)
                {
                    PMedianLagrangian.SubtractAssigned(_g, _wc, a * _n, lambda);
                }
            }

            return PMedianLagrangian.SquaredNorm(_g);
        }

        /// <summary>Reduced-cost fixing at the node, then two children on the most attractive free site of the relaxation (open first).</summary>
        private void Branch(Node node, NodeBound bound, int slots, Stack<Node> stack)
        {
            var (rho, order) = (bound.Rho, bound.Order);
            var child = (sbyte[])node.State.Clone();
            double lastIn = rho[order[slots - 1]];
            double firstOut = rho[order[slots]];
            for (int s = 0; s < bound.FreeCount; s++)
            {
                int a = order[s];
                if (s >= slots && bound.Value + rho[a] - lastIn >= Cutoff)
                {
                    child[a] = -1;
                }
                else if (s < slots && bound.Value - rho[a] + firstOut >= Cutoff)
                {
                    child[a] = 1;
                }
            }

            int branch = -1;
            for (int s = 0; s < slots; s++)
            {
                if (child[order[s]] == 0)
                {
                    branch = order[s];
                    break;
                }
            }

            if (branch < 0)
            {
                // Every relaxation site got fixed open: re-process the tightened node.
                if (!child.SequenceEqual(node.State))
                {
                    stack.Push(new Node(child, bound.Lambda, bound.Value, node.Depth + 1));
                }

                return;
            }

            var closed = (sbyte[])child.Clone();
            closed[branch] = -1;
            var open = (sbyte[])child.Clone();
            open[branch] = 1;
            stack.Push(new Node(closed, bound.Lambda, bound.Value, node.Depth + 1));
            stack.Push(new Node(open, bound.Lambda, bound.Value, node.Depth + 1));
        }

        /// <summary>The p-median cost of candidate sites <paramref name="open"/>; replaces the incumbent when strictly better.</summary>
        private void Evaluate(int[] open)
        {
            if (open.Length == 0)
            {
                return;
            }

            double total = PMedianLagrangian.AssignmentCost(_wc, _n, open);
            if (total < UpperBound - 1e-9 * Math.Max(1, Math.Abs(UpperBound)))
            {
                UpperBound = total;
                Incumbent = open.Select(a => _sites[a]).Order().ToArray();
            }
        }
    }
}
