namespace HubPlanner.Core.Placement;

/// <summary>
/// Lagrangian relaxation of the p-median assignment rows (Cornuéjols, Fisher, Nemhauser 1977) solved by
/// subgradient steps (Polyak step, halving θ on stalls). Gives a lower bound and, with an upper bound,
/// reduced-cost tests that fix sites closed (or open) before the exact model: for small p most sites go, and
/// the radius formulation shrinks to the few sites and levels that still matter.
/// </summary>
internal static class PMedianLagrangian
{
    public sealed record Outcome(double LowerBound, bool[] FixedClosed, bool[] FixedOpen, int Iterations, double UpperBound, int[] BestOpen, double[] Lambda);

    /// <summary>Only forced/eligible sites and "at most p" hubs are modelled: callers skip it under spacing or budget.</summary>
    public static Outcome Run(PlacementContext ctx, int p, int[] incumbent, double upperBound, bool integralObjective, CancellationToken ct, int maxIterations = 4000)
    {
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var prob = ctx.Problem;
        int m = prob.SiteCount, n = prob.DemandCount;
        var wc = RowMajor(Enumerable.Range(0, m).ToArray(), n, (j, i) =>
            ctx.Eligible[j] && double.IsFinite(prob.Cost[j, i]) ? prob.Demand[i].Weight * prob.Cost[j, i] : double.PositiveInfinity);

        // λ_i starts at the cost of the second-nearest site (a common, safe start).
        var lambda = new double[n];
        for (int i = 0; i < n; i++)
        {
            double a = double.PositiveInfinity, b = double.PositiveInfinity;
            for (int j = 0; j < m; j++)
            {
                double v = wc[j * n + i];
                if (v < a)
                {
                    b = a;
                    a = v;
                }
                else if (v < b)
                {
                    b = v;
                }
            }

            lambda[i] = double.IsFinite(b) ? b : (double.IsFinite(a) ? a : 0);
        }

        var rho = new double[m];
        var chosen = new bool[m];
        var g = new double[n];
        var bestRho = new double[m];
        var bestChosen = new bool[m];
        var bestLambda = (double[])lambda.Clone();
        double best = double.NegativeInfinity;
        double theta = 2;
        int stall = 0, iter = 0;
        var free = Enumerable.Range(0, m).Where(j => ctx.Eligible[j] && !ctx.MustOpen[j]).ToArray();
        int mustCount = Enumerable.Range(0, m).Count(j => ctx.Eligible[j] && ctx.MustOpen[j]);
        int slots = Math.Max(0, Math.Min(p - mustCount, free.Length));
        var freeSorted = (int[])free.Clone();
        for (; iter < maxIterations && !ct.IsCancellationRequested; iter++)
        {
            for (int j = 0; j < m; j++)
            {
                rho[j] = ReducedCost(wc, j * n, lambda);
            }

            Array.Sort(freeSorted, (a, b) => rho[a].CompareTo(rho[b]));
            Array.Clear(chosen);
            double value = lambda.Sum();
            for (int j = 0; j < m; j++)
            {
                if (ctx.Eligible[j] && ctx.MustOpen[j])
                {
                    chosen[j] = true;
                    value += rho[j];
                }
            }

            for (int k = 0; k < slots; k++)
            {
                // "At most p": a site with ρ = 0 adds nothing, so taking it is harmless.
                chosen[freeSorted[k]] = true;
                value += rho[freeSorted[k]];
            }

            if (value > best + 1e-9)
            {
                best = value;
                Array.Copy(rho, bestRho, m);
                Array.Copy(chosen, bestChosen, m);
                Array.Copy(lambda, bestLambda, n);
                stall = 0;
            }
            else if (++stall >= 30)
            {
                theta /= 2;
                stall = 0;
            }

            // Lagrangian heuristic: the relaxation's open set, polished by interchange, often beats the incumbent.
            if (iter % 10 == 0)
            {
                var start = Enumerable.Range(0, m).Where(j => chosen[j]).ToArray();
                if (tried.Add(string.Join(',', start)) && (iter % 50 == 0 || Cost(start) < upperBound * 1.05))
                {
                    var (open, cost) = PMedianHeuristic.Solve(ctx, p, start, ct);
                    if (cost < upperBound - 1e-9)
                    {
                        upperBound = cost;
                        incumbent = open;
                    }
                }
            }

            double gap = upperBound - best;
            if (gap <= 1e-9 * Math.Max(1, Math.Abs(upperBound)) || (integralObjective && Math.Ceiling(best - 1e-7) >= upperBound) || theta < 1e-5)
            {
                break;
            }

            Array.Fill(g, 1.0);
            for (int j = 0; j < m; j++)
            {
                if (chosen[j])
                {
                    SubtractAssigned(g, wc, j * n, lambda);
                }
            }

            double norm = SquaredNorm(g);
            if (norm == 0)
            {
                break;
            }

            double step = theta * (upperBound - value) / norm;
            for (int i = 0; i < n; i++)
            {
                lambda[i] += step * g[i];
            }
        }

        // Reduced-cost tests at the best multipliers: a solution with x_j = 1 (or 0) costs at least L_j.
        var fixedClosed = new bool[m];
        var fixedOpen = new bool[m];
        var order = free.OrderBy(j => bestRho[j]).ToArray();
        // Strict test: sites of solutions worth ≤ UB (the heuristic's among them) are never fixed away.
        double limit = upperBound + 1e-7 * Math.Max(1, Math.Abs(upperBound));
        if (slots > 0 && slots < order.Length)
        {
            double lastIn = bestRho[order[slots - 1]];
            double firstOut = bestRho[order[slots]];
            for (int k = 0; k < order.Length; k++)
            {
                int j = order[k];
                if (k >= slots && best + bestRho[j] - lastIn > limit)
                {
                    fixedClosed[j] = true;
                }
                else if (k < slots && best - bestRho[j] + firstOut > limit)
                {
                    fixedOpen[j] = true;
                }
            }
        }

        return new Outcome(best, fixedClosed, fixedOpen, iter, upperBound, incumbent, bestLambda);

        // Interchange is polished from relaxation sets within 5 % of the incumbent (and every 50th set).
        double Cost(int[] open) => AssignmentCost(wc, n, open);
    }

    /// <summary>The values of sites <paramref name="rows"/> × <paramref name="n"/> demand points, row after row.</summary>
    internal static double[] RowMajor(int[] rows, int n, Func<int, int, double> value)
    {
        var a = new double[rows.Length * n];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int i = 0; i < n; i++)
            {
                a[r * n + i] = value(rows[r], i);
            }
        }

        return a;
    }

    /// <summary>ρ = Σ_i min(0, wc[row + i] − λ_i): what opening the site of <paramref name="row"/> gains in the relaxation.</summary>
    internal static double ReducedCost(double[] wc, int row, double[] lambda)
    {
        double r = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            double v = wc[row + i] - lambda[i];
            if (v < 0)
            {
                r += v;
            }
        }

        return r;
    }

    /// <summary>Subgradient term of one open site: g_i −= 1 for every point the site serves below its multiplier.</summary>
    internal static void SubtractAssigned(double[] g, double[] wc, int row, double[] lambda)
    {
        for (int i = 0; i < lambda.Length; i++)
        {
            if (wc[row + i] - lambda[i] < 0)
            {
                g[i] -= 1;
            }
        }
    }

    internal static double SquaredNorm(double[] g)
    {
        double norm = 0;
        for (int i = 0; i < g.Length; i++)
        {
            norm += g[i] * g[i];
        }

        return norm;
    }

    /// <summary>Σ_i min over open sites j of wc[j × n + i]: the p-median cost of an open set.</summary>
    internal static double AssignmentCost(double[] wc, int n, IReadOnlyList<int> open)
    {
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double d = double.PositiveInfinity;
            foreach (int j in open)
            {
                d = Math.Min(d, wc[j * n + i]);
            }

            total += d;
        }

        return total;
    }
}
