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

    private sealed record Node(sbyte[] State, double[] Lambda, double ParentBound, int Depth);

    public static Outcome Run(
        PlacementContext ctx, int p, bool[] candidate, bool[] mustOpen, double[] rootLambda, double upperBound, int[] incumbent,
        bool integral, TimeSpan? timeLimit, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var prob = ctx.Problem;
        int m = prob.SiteCount, n = prob.DemandCount;
        var sites = Enumerable.Range(0, m).Where(j => candidate[j] || mustOpen[j]).ToArray();
        int k = sites.Length;
        var wc = new double[k * n];
        for (int a = 0; a < k; a++)
        {
            for (int i = 0; i < n; i++)
            {
                double v = prob.Cost[sites[a], i];
                wc[a * n + i] = double.IsFinite(v) ? prob.Demand[i].Weight * v : 1e15;
            }
        }

        double ub = upperBound;
        var best = incumbent;
        double Cutoff() => integral ? ub - 1 + 1e-6 : ub - 1e-9 * Math.Max(1, Math.Abs(ub));

        var rootState = new sbyte[k];
        for (int a = 0; a < k; a++)
        {
            rootState[a] = mustOpen[sites[a]] ? (sbyte)1 : (sbyte)0;
        }

        var stack = new Stack<Node>();
        stack.Push(new Node(rootState, rootLambda, double.NegativeInfinity, 0));
        var rho = new double[k];
        var g = new double[n];
        var order = new int[k];
        long nodes = 0;
        double openBound = double.PositiveInfinity;
        while (stack.Count > 0)
        {
            if (ct.IsCancellationRequested || (timeLimit is { } tl && sw.Elapsed > tl))
            {
                openBound = Math.Min(openBound, stack.Min(s => s.ParentBound));
                return new Outcome(false, ub, best, Math.Min(openBound, ub), nodes);
            }

            var node = stack.Pop();
            if (node.ParentBound >= Cutoff())
            {
                continue;
            }

            nodes++;
            var state = node.State;
            int opened = state.Count(s => s == 1);
            int free = state.Count(s => s == 0);
            int slots = Math.Min(p - opened, free);
            if (slots <= 0 || free <= slots)
            {
                // Leaf: open the forced ones and (if they fit) every free site: more hubs never cost more.
                var open = Enumerable.Range(0, k).Where(a => state[a] == 1 || (state[a] == 0 && slots > 0)).ToArray();
                Evaluate(open);
                continue;
            }

            var lambda = (double[])node.Lambda.Clone();
            double theta = node.Depth == 0 ? 1 : 0.25;
            double bound = double.NegativeInfinity;
            var bestLambda = (double[])lambda.Clone();
            double[] bestRho = new double[k];
            int[] bestOrder = new int[k];
            int freeCount = 0;
            int stall = 0;
            int maxIter = node.Depth == 0 ? 600 : 120;
            bool exact = false;
            for (int iter = 0; iter < maxIter; iter++)
            {
                for (int a = 0; a < k; a++)
                {
                    if (state[a] < 0)
                    {
                        continue;
                    }

                    double r = 0;
                    int row = a * n;
                    for (int i = 0; i < n; i++)
                    {
                        double v = wc[row + i] - lambda[i];
                        if (v < 0)
                        {
                            r += v;
                        }
                    }

                    rho[a] = r;
                }

                freeCount = 0;
                for (int a = 0; a < k; a++)
                {
                    if (state[a] == 0)
                    {
                        order[freeCount++] = a;
                    }
                }

                Array.Sort(order, 0, freeCount, Comparer<int>.Create((x, y) => rho[x].CompareTo(rho[y])));
                double value = 0;
                for (int i = 0; i < n; i++)
                {
                    value += lambda[i];
                }

                for (int a = 0; a < k; a++)
                {
                    if (state[a] == 1)
                    {
                        value += rho[a];
                    }
                }

                for (int s = 0; s < slots; s++)
                {
                    value += rho[order[s]];
                }

                if (value > bound + 1e-9)
                {
                    bound = value;
                    Array.Copy(rho, bestRho, k);
                    Array.Copy(order, bestOrder, freeCount);
                    stall = 0;
                    Array.Copy(lambda, bestLambda, n);
                }
                else if (++stall >= 10)
                {
                    theta /= 2;
                    stall = 0;
                }

                if (bound >= Cutoff() || theta < 1e-4)
                {
                    break;
                }

                Array.Fill(g, 1.0);
                for (int a = 0; a < k; a++)
                {
                    bool chosen = state[a] == 1;
                    if (!chosen && state[a] == 0)
                    {
                        for (int s = 0; s < slots && !chosen; s++)
                        {
                            chosen = order[s] == a;
                        }
                    }

                    if (!chosen)
                    {
                        continue;
                    }

                    int row = a * n;
                    for (int i = 0; i < n; i++)
                    {
                        if (wc[row + i] - lambda[i] < 0)
                        {
                            g[i] -= 1;
                        }
                    }
                }

                double norm = 0;
                for (int i = 0; i < n; i++)
                {
                    norm += g[i] * g[i];
                }

                if (norm == 0)
                {
                    exact = true;
                    break;
                }

                double step = theta * Math.Max(ub - value, 1e-6 * Math.Max(1, ub)) / norm;
                for (int i = 0; i < n; i++)
                {
                    lambda[i] = Math.Max(0, lambda[i] + step * g[i]);
                }
            }

            // Primal candidate: the relaxation's open set.
            var chosenSet = Enumerable.Range(0, k).Where(a => state[a] == 1).Concat(bestOrder.Take(slots)).ToArray();
            Evaluate(chosenSet);
            if (exact || bound >= Cutoff())
            {
                continue;
            }

            // Reduced-cost fixing at this node, then branch on the most attractive free site of the relaxation.
            var child = (sbyte[])state.Clone();
            double lastIn = bestRho[bestOrder[slots - 1]];
            double firstOut = bestRho[bestOrder[slots]];
            for (int s = 0; s < freeCount; s++)
            {
                int a = bestOrder[s];
                if (s >= slots && bound + bestRho[a] - lastIn >= Cutoff())
                {
                    child[a] = -1;
                }
                else if (s < slots && bound - bestRho[a] + firstOut >= Cutoff())
                {
                    child[a] = 1;
                }
            }

            int branch = -1;
            for (int s = 0; s < slots; s++)
            {
                if (child[bestOrder[s]] == 0)
                {
                    branch = bestOrder[s];
                    break;
                }
            }

            if (branch < 0)
            {
                // Every relaxation site got fixed open: re-process the tightened node.
                if (!child.SequenceEqual(state))
                {
                    stack.Push(new Node(child, bestLambda, bound, node.Depth + 1));
                }

                continue;
            }

            var closed = (sbyte[])child.Clone();
            closed[branch] = -1;
            var opened1 = (sbyte[])child.Clone();
            opened1[branch] = 1;
            stack.Push(new Node(closed, bestLambda, bound, node.Depth + 1));
            stack.Push(new Node(opened1, bestLambda, bound, node.Depth + 1));
        }

        return new Outcome(true, ub, best, ub, nodes);

        void Evaluate(int[] open)
        {
            if (open.Length == 0)
            {
                return;
            }

            double total = 0;
            for (int i = 0; i < n; i++)
            {
                double d = double.PositiveInfinity;
                foreach (int a in open)
                {
                    d = Math.Min(d, wc[a * n + i]);
                }

                total += d;
            }

            if (total < ub - 1e-9 * Math.Max(1, Math.Abs(ub)))
            {
                ub = total;
                best = open.Select(a => sites[a]).Order().ToArray();
            }
        }
    }
}
