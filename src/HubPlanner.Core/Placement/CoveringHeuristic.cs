using System.Diagnostics;

namespace HubPlanner.Core.Placement;

/// <summary>
/// Greedy addition then first-improvement swap (interchange) for "covered at least t times" objectives (MCLP t = 1,
/// backup t = 2) on a <see cref="CoverageIndex"/>. Gains are incremental: a class counts how many open sites cover
/// it, the loss of closing r is the weight of the classes covered exactly t times, and the gain of a swap
/// (j in, r out) is gain(j) − loss(r) corrected over the classes j and r share, accumulated per open site while
/// the classes of j are scanned (the neighbour list of j). One pass is O(Σ_j |classes of j| × t + sites × p).
/// Also the greedy set cover for LSCP.
/// </summary>
internal static class CoveringHeuristic
{
    /// <summary>
    /// At most <paramref name="p"/> open sites maximising the weight covered at least <paramref name="times"/> times;
    /// forced sites are kept, <paramref name="start"/> seeds the greedy. Stops the swaps at <paramref name="deadline"/>.
    /// </summary>
    public static (int[] Open, double Value) MaxCover(
        CoverageIndex ix, PlacementContext ctx, int p, int times, IReadOnlyList<int>? start, Stopwatch clock, TimeSpan? deadline, CancellationToken ct)
    {
        int m = ix.SiteClasses.Length, nc = ix.ClassCount;
        var w = ix.ClassWeight;
        var count = new int[nc];
        var isOpen = new bool[m];
        var open = new List<int>();
        void Add(int j)
        {
            isOpen[j] = true;
            open.Add(j);
            foreach (int c in ix.SiteClasses[j])
            {
                count[c]++;
            }
        }

        void Remove(int j)
        {
            isOpen[j] = false;
            open.Remove(j);
            foreach (int c in ix.SiteClasses[j])
            {
                count[c]--;
            }
        }

        for (int j = 0; j < m; j++)
        {
            if (ctx.MustOpen[j] && ctx.Eligible[j])
            {
                Add(j);
            }
        }

        foreach (int j in start ?? [])
        {
            if (j >= 0 && j < m && !isOpen[j] && ctx.Eligible[j] && open.Count < p)
            {
                Add(j);
            }
        }

        // Greedy: the score credits partial progress towards t covers, so backup (t = 2) does not stall at 0.
        while (open.Count < p)
        {
            int best = -1;
            double bestScore = 0;
            for (int j = 0; j < m; j++)
            {
                if (isOpen[j] || !ctx.Eligible[j])
                {
                    continue;
                }

                double score = 0;
                foreach (int c in ix.SiteClasses[j])
                {
                    if (count[c] < times)
                    {
                        score += w[c] * (count[c] + 1) / times;
                    }
                }

                if (score > bestScore)
                {
                    best = j;
                    bestScore = score;
                }
            }

            if (best < 0)
            {
                break;
            }

            Add(best);
        }

        var loss = new double[m];
        var adj = new double[m];
        var touched = new List<int>();
        void Losses()
        {
            foreach (int r in open)
            {
                double l = 0;
                foreach (int c in ix.SiteClasses[r])
                {
                    if (count[c] == times)
                    {
                        l += w[c];
                    }
                }

                loss[r] = l;
            }
        }

        Losses();
        bool improved = true;
        while (improved && !ct.IsCancellationRequested && (deadline is not { } d || clock.Elapsed < d))
        {
            improved = false;
            for (int j = 0; j < m; j++)
            {
                if (isOpen[j] || !ctx.Eligible[j])
                {
                    continue;
                }

                double gain = 0;
                foreach (int c in ix.SiteClasses[j])
                {
                    int k = count[c];
                    if (k == times - 1)
                    {
                        gain += w[c];
                    }

                    if (k != times - 1 && k != times)
                    {
                        continue;
                    }

                    // The open sites covering c: closing one of them together with opening j.
                    double delta = k == times ? w[c] : -w[c];
                    int seen = 0;
                    foreach (int r in ix.ClassSites[c])
                    {
                        if (!isOpen[r])
                        {
                            continue;
                        }

                        if (adj[r] == 0)
                        {
                            touched.Add(r);
                        }

                        adj[r] += delta;
                        if (++seen == k)
                        {
                            break;
                        }
                    }
                }

                int bestOut = -1;
                double bestDelta = 1e-9 * Math.Max(1, gain);
                if (open.Count < p && gain > bestDelta)
                {
                    bestOut = j;
                    bestDelta = gain;
                }

                foreach (int r in open)
                {
                    if (ctx.MustOpen[r])
                    {
                        continue;
                    }

                    double delta = gain - loss[r] + adj[r];
                    if (delta > bestDelta)
                    {
                        bestDelta = delta;
                        bestOut = r;
                    }
                }

                foreach (int r in touched)
                {
                    adj[r] = 0;
                }

                touched.Clear();
                if (bestOut < 0)
                {
                    continue;
                }

                if (bestOut != j)
                {
                    Remove(bestOut);
                }

                Add(j);
                Losses();
                improved = true;
            }
        }

        open.Sort();
        var result = open.ToArray();
        return (result, ix.Covered(result, times));
    }

    /// <summary>Greedy set cover of every class of the index (most uncovered classes per site first), then redundant sites dropped.</summary>
    public static int[] SetCover(CoverageIndex ix, PlacementContext ctx)
    {
        int m = ix.SiteClasses.Length;
        var count = new int[ix.ClassCount];
        var isOpen = new bool[m];
        int uncovered = ix.ClassCount;
        void Add(int j)
        {
            isOpen[j] = true;
            foreach (int c in ix.SiteClasses[j])
            {
                if (count[c]++ == 0)
                {
                    uncovered--;
                }
            }
        }

        for (int j = 0; j < m; j++)
        {
            if (ctx.MustOpen[j] && ctx.Eligible[j])
            {
                Add(j);
            }
        }

        while (uncovered > 0)
        {
            int best = -1, bestNew = 0;
            for (int j = 0; j < m; j++)
            {
                if (isOpen[j])
                {
                    continue;
                }

                int fresh = ix.SiteClasses[j].Count(c => count[c] == 0);
                if (fresh > bestNew)
                {
                    best = j;
                    bestNew = fresh;
                }
            }

            if (best < 0)
            {
                break;
            }

            Add(best);
        }

        // Drop sites every class of which another open site also covers (latest additions first).
        for (int j = m - 1; j >= 0; j--)
        {
            if (isOpen[j] && !ctx.MustOpen[j] && ix.SiteClasses[j].All(c => count[c] >= 2))
            {
                isOpen[j] = false;
                foreach (int c in ix.SiteClasses[j])
                {
                    count[c]--;
                }
            }
        }

        return Enumerable.Range(0, m).Where(j => isOpen[j]).ToArray();
    }
}
