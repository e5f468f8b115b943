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
        var wc = new double[m * n];
        for (int j = 0; j < m; j++)
        {
            for (int i = 0; i < n; i++)
            {
                double v = prob.Cost[j, i];
                wc[j * n + i] = ctx.Eligible[j] && double.IsFinite(v) ? prob.Demand[i].Weight * v : double.PositiveInfinity;
            }
        }

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
                double r = 0;
                int row = j * n;
                for (int i = 0; i < n; i++)
                {
                    double v = wc[row + i] - lambda[i];
                    if (v < 0)
                    {
                        r += v;
                    }
                }

                rho[j] = r;
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

            double norm = 0;
            Array.Fill(g, 1.0);
            for (int j = 0; j < m; j++)
            {
                if (!chosen[j])
                {
                    continue;
                }

                int row = j * n;
                for (int i = 0; i < n; i++)
                {
                    if (wc[row + i] - lambda[i] < 0)
                    {
                        g[i] -= 1;
                    }
                }
            }

            for (int i = 0; i < n; i++)
            {
                norm += g[i] * g[i];
            }

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
        double Cost(int[] open)
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
}
