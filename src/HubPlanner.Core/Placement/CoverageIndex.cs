namespace HubPlanner.Core.Placement;

/// <summary>
/// The covering relation of an instance stored sparsely and reduced: demand points with the same set of covering
/// eligible sites are merged into one class (weights summed), points no eligible site covers are dropped, and each
/// site keeps the list of classes it covers. Built in one pass over the cost matrix (no second dense matrix).
/// </summary>
internal sealed class CoverageIndex
{
    private CoverageIndex(int[][] classSites, double[] classWeight, int[][] siteClasses)
    {
        ClassSites = classSites;
        ClassWeight = classWeight;
        SiteClasses = siteClasses;
    }

    /// <summary>Per class: the eligible sites covering it, ascending.</summary>
    public int[][] ClassSites { get; }

    /// <summary>Per class: the summed weight of its demand points.</summary>
    public double[] ClassWeight { get; }

    /// <summary>Per site (problem index): the classes it covers, ascending; empty for ineligible sites.</summary>
    public int[][] SiteClasses { get; }

    public int ClassCount => ClassWeight.Length;

    /// <summary>Builds the index of <paramref name="ctx"/>; points of weight 0 are kept only when <paramref name="keepZeroWeight"/> (set covering).</summary>
    public static CoverageIndex Build(PlacementContext ctx, bool keepZeroWeight = false)
    {
        var p = ctx.Problem;
        int m = p.SiteCount, n = p.DemandCount;
        double r = (ctx.Options.ServiceDistance ?? double.PositiveInfinity) + 1e-9;
        var cost = p.Cost;
        var perPoint = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            perPoint[i] = [];
        }

        // Site-major scan: the cost matrix is stored [site, demand].
        for (int j = 0; j < m; j++)
        {
            if (!ctx.Eligible[j])
            {
                continue;
            }

            for (int i = 0; i < n; i++)
            {
                if (cost[j, i] <= r)
                {
                    perPoint[i].Add(j);
                }
            }
        }

        var map = new Dictionary<int[], int>(SequenceComparer.Instance);
        var classSites = new List<int[]>();
        var weights = new List<double>();
        for (int i = 0; i < n; i++)
        {
            double w = p.Demand[i].Weight;
            if (perPoint[i].Count == 0 || (w == 0 && !keepZeroWeight))
            {
                continue;
            }

            var key = perPoint[i].ToArray();
            perPoint[i] = null!;
            if (map.TryGetValue(key, out int c))
            {
                weights[c] += w;
            }
            else
            {
                map[key] = classSites.Count;
                classSites.Add(key);
                weights.Add(w);
            }
        }

        var siteLists = new List<int>[m];
        for (int c = 0; c < classSites.Count; c++)
        {
            foreach (int j in classSites[c])
            {
                (siteLists[j] ??= []).Add(c);
            }
        }

        return new CoverageIndex(
            classSites.ToArray(),
            weights.ToArray(),
            siteLists.Select(l => l?.ToArray() ?? []).ToArray());
    }

    /// <summary>
    /// Sites whose classes are a subset of another eligible site's (ties: the higher index goes). Under a hub limit
    /// alone, replacing such a site by its dominator never loses coverage, so MCLP and LSCP may drop them.
    /// Sites that must open are never dropped.
    /// </summary>
    public bool[] Dominated(PlacementContext ctx)
    {
        int m = SiteClasses.Length;
        var dominated = new bool[m];
        for (int j = 0; j < m; j++)
        {
            var sj = SiteClasses[j];
            if (ctx.MustOpen[j] || !ctx.Eligible[j])
            {
                continue;
            }

            if (sj.Length == 0)
            {
                dominated[j] = true;
                continue;
            }

            // Any dominator covers every class of j, in particular the one with the fewest covering sites.
            int pivot = sj[0];
            foreach (int c in sj)
            {
                if (ClassSites[c].Length < ClassSites[pivot].Length)
                {
                    pivot = c;
                }
            }

            foreach (int k in ClassSites[pivot])
            {
                if (k == j || dominated[k])
                {
                    continue;
                }

                var sk = SiteClasses[k];
                if ((sk.Length > sj.Length || (sk.Length == sj.Length && k < j)) && IsSubset(sj, sk))
                {
                    dominated[j] = true;
                    break;
                }
            }
        }

        return dominated;
    }

    private static bool IsSubset(int[] a, int[] b)
    {
        int k = 0;
        foreach (int x in a)
        {
            while (k < b.Length && b[k] < x)
            {
                k++;
            }

            if (k == b.Length || b[k] != x)
            {
                return false;
            }

            k++;
        }

        return true;
    }

    /// <summary>The weight of the classes covered by at least <paramref name="times"/> of <paramref name="open"/>.</summary>
    public double Covered(IReadOnlyList<int> open, int times)
    {
        var count = new int[ClassCount];
        foreach (int j in open)
        {
            foreach (int c in SiteClasses[j])
            {
                count[c]++;
            }
        }

        double sum = 0;
        for (int c = 0; c < count.Length; c++)
        {
            if (count[c] >= times)
            {
                sum += ClassWeight[c];
            }
        }

        return sum;
    }

    private sealed class SequenceComparer : IEqualityComparer<int[]>
    {
        public static SequenceComparer Instance { get; } = new();

        public bool Equals(int[]? x, int[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var h = default(HashCode);
            foreach (int v in obj)
            {
                h.Add(v);
            }

            return h.ToHashCode();
        }
    }
}
