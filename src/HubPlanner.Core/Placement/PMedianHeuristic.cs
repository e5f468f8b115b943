namespace HubPlanner.Core.Placement;

/// <summary>
/// Greedy addition followed by best-improvement vertex substitution (Teitz–Bart, with the nearest /
/// second-nearest bookkeeping of Whitaker's fast interchange: one pass is O(sites × demand)). Gives the
/// p-median an upper bound and a hint before the exact model runs. Respects forced and ineligible sites and
/// the hub limit; callers check spacing and budget themselves.
/// </summary>
internal static class PMedianHeuristic
{
    /// <summary>Cost charged in the heuristic for a demand point no open site reaches.</summary>
    private const double Unreachable = 1e12;

    public static (int[] Open, double Objective) Solve(PlacementContext ctx, int p, CancellationToken ct) => Solve(ctx, p, null, ct);

    /// <summary>Greedy completion of <paramref name="start"/> (forced sites always kept), then interchange.</summary>
    public static (int[] Open, double Objective) Solve(PlacementContext ctx, int p, IReadOnlyList<int>? start, CancellationToken ct)
    {
        var prob = ctx.Problem;
        int m = prob.SiteCount, n = prob.DemandCount;
        var c = PMedianLagrangian.RowMajor(Enumerable.Range(0, m).ToArray(), n, (j, i) => double.IsFinite(prob.Cost[j, i]) ? prob.Cost[j, i] : Unreachable);

        var w = prob.Demand.Select(d => d.Weight).ToArray();
        var isOpen = new bool[m];
        var open = new List<int>();
        for (int j = 0; j < m; j++)
        {
            if (ctx.MustOpen[j] && ctx.Eligible[j])
            {
                isOpen[j] = true;
                open.Add(j);
            }
        }

        foreach (int j in start ?? [])
        {
            if (!isOpen[j] && ctx.Eligible[j] && open.Count < p)
            {
                isOpen[j] = true;
                open.Add(j);
            }
        }

        var d1 = new double[n];
        Array.Fill(d1, Unreachable * 10);
        foreach (int j in open)
        {
            for (int i = 0; i < n; i++)
            {
                d1[i] = Math.Min(d1[i], c[j * n + i]);
            }
        }

        while (open.Count < p)
        {
            int best = -1;
            double bestGain = 0;
            for (int j = 0; j < m; j++)
            {
                if (isOpen[j] || !ctx.Eligible[j])
                {
                    continue;
                }

                double gain = 0;
                int row = j * n;
                for (int i = 0; i < n; i++)
                {
                    double v = c[row + i];
                    if (v < d1[i])
                    {
                        gain += w[i] * (d1[i] - v);
                    }
                }

                if (best < 0 || gain > bestGain)
                {
                    best = j;
                    bestGain = gain;
                }
            }

            if (best < 0)
            {
                break;
            }

            isOpen[best] = true;
            open.Add(best);
            for (int i = 0; i < n; i++)
            {
                d1[i] = Math.Min(d1[i], c[best * n + i]);
            }
        }

        var near = new int[n];
        var d2 = new double[n];
        var loss = new double[m];
        while (!ct.IsCancellationRequested)
        {
            Nearest(open, c, n, d1, d2, near);
            int bestIn = -1, bestOut = -1;
            double bestDelta = -1e-9;
            for (int cand = 0; cand < m; cand++)
            {
                if (isOpen[cand] || !ctx.Eligible[cand])
                {
                    continue;
                }

                // delta(out) = add-gain of cand + extra loss of the clients whose nearest was "out".
                double add = 0;
                foreach (int f in open)
                {
                    loss[f] = 0;
                }

                int row = cand * n;
                for (int i = 0; i < n; i++)
                {
                    double v = c[row + i];
                    double withIn = Math.Min(d1[i], v);
                    add += w[i] * (withIn - d1[i]);
                    loss[near[i]] += w[i] * (Math.Min(d2[i], v) - withIn);
                }

                foreach (int f in open)
                {
                    if (ctx.MustOpen[f])
                    {
                        continue;
                    }

                    double delta = add + loss[f];
                    if (delta < bestDelta)
                    {
                        bestDelta = delta;
                        bestIn = cand;
                        bestOut = f;
                    }
                }
            }

            if (bestIn < 0)
            {
                break;
            }

            isOpen[bestOut] = false;
            isOpen[bestIn] = true;
            open[open.IndexOf(bestOut)] = bestIn;
        }

        Nearest(open, c, n, d1, d2, near);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            total += w[i] * d1[i];
        }

        open.Sort();
        return (open.ToArray(), total);
    }

    private static void Nearest(List<int> open, double[] c, int n, double[] d1, double[] d2, int[] near)
    {
        for (int i = 0; i < n; i++)
        {
            double a = Unreachable * 10, b = Unreachable * 10;
            int best = open.Count > 0 ? open[0] : 0;
            foreach (int f in open)
            {
                double v = c[f * n + i];
                if (v < a)
                {
                    b = a;
                    a = v;
                    best = f;
                }
                else if (v < b)
                {
                    b = v;
                }
            }

            d1[i] = a;
            d2[i] = b;
            near[i] = best;
        }
    }
}
