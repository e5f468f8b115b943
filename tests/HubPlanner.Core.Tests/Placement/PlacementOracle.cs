using Google.OrTools.LinearSolver;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;

namespace HubPlanner.Core.Tests.Placement;

/// <summary>
/// Exhaustive enumeration over every subset of sites (≤ 12), written independently of the solver: it evaluates
/// each model's objective directly (nearest site, covered counts; the split-demand flows of a fixed subset by a
/// plain transportation LP with GLOP; single-source assignments by enumeration).
/// </summary>
internal static class PlacementOracle
{
    public static (double Value, int[]? Open) Best(PlacementProblem p, PlacementOptions o)
    {
        int m = p.SiteCount;
        bool maximise = o.Model.Name is "mclp" or "capacitated-coverage" or "backup" or "robust";
        if (o.Model == PlacementModel.Cflp && o.SingleSource)
        {
            return SingleSourceCflp(p, o);
        }

        double best = maximise ? double.NegativeInfinity : double.PositiveInfinity;
        int[]? arg = null;
        for (int mask = 0; mask < 1 << m; mask++)
        {
            var open = Enumerable.Range(0, m).Where(j => (mask & (1 << j)) != 0).ToArray();
            if (!SubsetFeasible(p, o, open))
            {
                continue;
            }

            double v = Evaluate(p, o, open);
            if (double.IsNaN(v))
            {
                continue;
            }

            if (maximise ? v > best + 1e-9 : v < best - 1e-9)
            {
                best = v;
                arg = open;
            }
        }

        return (best, arg);
    }

    public static bool Eligible(PlacementProblem p, int j) =>
        p.Sites[j].Status != SiteStatus.Forbidden && p.Ineligible.All(e => e.SiteId != p.Sites[j].Id);

    public static bool SubsetFeasible(PlacementProblem p, PlacementOptions o, IReadOnlyList<int> open)
    {
        var set = new HashSet<int>(open);
        for (int j = 0; j < p.SiteCount; j++)
        {
            bool must = p.Sites[j].Status is SiteStatus.Forced or SiteStatus.Existing;
            if (must && !set.Contains(j))
            {
                return false;
            }
        }

        if (open.Any(j => !Eligible(p, j)))
        {
            return false;
        }

        int? limit = o.Hubs is { } h ? (o.MaxHubs is { } mh ? Math.Min(h, mh) : h) : o.MaxHubs;
        if (limit is { } l && open.Count > l)
        {
            return false;
        }

        if (o.Budget is { } b && open.Sum(j => p.Sites[j].FixedCost) > b + 1e-9)
        {
            return false;
        }

        if (o.MinSpacingKm is { } s)
        {
            foreach (int a in open)
            {
                foreach (int c in open)
                {
                    if (a < c && p.SpacingKm(a, c) < s)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Objective of an open set; NaN when the set cannot satisfy the model (e.g. LSCP leaves a point uncovered).</summary>
    public static double Evaluate(PlacementProblem p, PlacementOptions o, IReadOnlyList<int> open)
    {
        double r = o.ServiceDistance ?? double.PositiveInfinity;
        int n = p.DemandCount;
        int Count(int i, int? lost = null) => open.Count(j => j != lost && p.Cost[j, i] <= r + 1e-9);
        bool Coverable(int i) => Enumerable.Range(0, p.SiteCount).Any(j => Eligible(p, j) && p.Cost[j, i] <= r + 1e-9);
        switch (o.Model.Name)
        {
            case "pmedian":
            {
                if (open.Count == 0)
                {
                    return double.NaN;
                }

                return Enumerable.Range(0, n).Sum(i => p.Demand[i].Weight * open.Min(j => p.Cost[j, i]));
            }

            case "pcenter":
                return open.Count == 0 ? double.NaN : Enumerable.Range(0, n).Where(i => p.Demand[i].Weight > 0).Max(i => open.Min(j => p.Cost[j, i]));
            case "mclp":
                return Enumerable.Range(0, n).Where(i => Count(i) > 0).Sum(i => p.Demand[i].Weight);
            case "backup":
                return Enumerable.Range(0, n).Where(i => Count(i) > 1).Sum(i => p.Demand[i].Weight);
            case "robust":
                return open.Count == 0 ? 0 : open.Min(k => Enumerable.Range(0, n).Where(i => Count(i, k) > 0).Sum(i => p.Demand[i].Weight));
            case "lscp":
                return Enumerable.Range(0, n).All(i => !Coverable(i) || Count(i) > 0) ? open.Count : double.NaN;
            case "cflp":
                return Transport(p, open, coverage: false, r) is { } t ? open.Sum(j => p.Sites[j].FixedCost) + t : double.NaN;
            case "capacitated-coverage":
                return Transport(p, open, coverage: true, r) ?? double.NaN;
            default:
                throw new ArgumentOutOfRangeException(nameof(o));
        }
    }

    /// <summary>The flows of a fixed open set: a transportation LP (GLOP).</summary>
    private static double? Transport(PlacementProblem p, IReadOnlyList<int> open, bool coverage, double r)
    {
        using var lp = Solver.CreateSolver("GLOP")!;
        var z = new Dictionary<(int, int), Variable>();
        foreach (int j in open)
        {
            foreach (int i in Enumerable.Range(0, p.DemandCount))
            {
                if (!coverage || p.Cost[j, i] <= r + 1e-9)
                {
                    z[(j, i)] = lp.MakeNumVar(0, 1, string.Empty);
                }
            }
        }

        for (int i = 0; i < p.DemandCount; i++)
        {
            var row = coverage ? lp.MakeConstraint(0, 1) : lp.MakeConstraint(1, 1);
            foreach (int j in open)
            {
                if (z.TryGetValue((j, i), out var v))
                {
                    row.SetCoefficient(v, 1);
                }
            }
        }

        foreach (int j in open)
        {
            var cap = lp.MakeConstraint(double.NegativeInfinity, p.Sites[j].Capacity);
            for (int i = 0; i < p.DemandCount; i++)
            {
                if (z.TryGetValue((j, i), out var v))
                {
                    cap.SetCoefficient(v, p.Demand[i].Demand);
                }
            }
        }

        foreach (var ((j, i), v) in z)
        {
            lp.Objective().SetCoefficient(v, coverage ? p.Demand[i].Weight : p.Demand[i].Weight * p.Cost[j, i]);
        }

        if (coverage)
        {
            lp.Objective().SetMaximization();
        }

        var status = lp.Solve();
        return status == Solver.ResultStatus.OPTIMAL ? lp.Objective().Value() : null;
    }

    /// <summary>Single-source CFLP: every assignment vector (sites^demand), the open set being the used sites plus the forced ones.</summary>
    private static (double, int[]?) SingleSourceCflp(PlacementProblem p, PlacementOptions o)
    {
        int m = p.SiteCount, n = p.DemandCount;
        var a = new int[n];
        double best = double.PositiveInfinity;
        int[]? arg = null;
        long total = (long)Math.Pow(m, n);
        for (long code = 0; code < total; code++)
        {
            long c = code;
            for (int i = 0; i < n; i++)
            {
                a[i] = (int)(c % m);
                c /= m;
            }

            var load = new double[m];
            double cost = 0;
            for (int i = 0; i < n; i++)
            {
                load[a[i]] += p.Demand[i].Demand;
                cost += p.Demand[i].Weight * p.Cost[a[i], i];
            }

            var open = Enumerable.Range(0, m).Where(j => a.Contains(j) || p.Sites[j].Status is SiteStatus.Forced or SiteStatus.Existing).ToArray();
            if (open.Any(j => load[j] > p.Sites[j].Capacity + 1e-9) || !SubsetFeasible(p, o, open))
            {
                continue;
            }

            cost += open.Sum(j => p.Sites[j].FixedCost);
            if (cost < best - 1e-9)
            {
                best = cost;
                arg = open;
            }
        }

        return (best, arg);
    }
}
