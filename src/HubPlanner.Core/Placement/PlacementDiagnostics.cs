namespace HubPlanner.Core.Placement;

/// <summary>
/// Names the constraint that makes a placement infeasible, in a sentence, before a solver is started
/// (forced sites that are forbidden or too close together, budget, hub count, capacity, coverage).
/// </summary>
public static class PlacementDiagnostics
{
    /// <summary>
    /// Runs the checks that can be decided without a solver, for a built-in model. Diagnostics whose
    /// <c>Constraint</c> the model's entry lists in <see cref="PlacementModelEntry.NonFatalDiagnostics"/> are not
    /// fatal (LSCP's "coverage": the points are reported unserved and the rest is covered); every other
    /// diagnostic proves infeasibility.
    /// </summary>
    public static IReadOnlyList<PlacementDiagnostic> Check(PlacementProblem problem, PlacementOptions options) =>
        Check(problem, options, PlacementModelCatalog.Default);

    /// <summary>The same checks for a model looked up in <paramref name="catalog"/>; the entry's
    /// <see cref="PlacementModelEntry.NonFatalDiagnostics"/> says which diagnostics leave the model solvable.</summary>
    public static IReadOnlyList<PlacementDiagnostic> Check(PlacementProblem problem, PlacementOptions options, PlacementModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        return Check(new PlacementContext(problem, options, options.Resolve(catalog)));
    }

    internal static List<PlacementDiagnostic> Check(PlacementContext ctx)
    {
        var p = ctx.Problem;
        var o = ctx.Options;
        var list = new List<PlacementDiagnostic>();
        var forced = Enumerable.Range(0, p.SiteCount).Where(j => ctx.MustOpen[j]).ToArray();

        foreach (int j in forced.Where(j => !ctx.Eligible[j]))
        {
            var why = ctx.IneligibleSites.Where(e => e.SiteId == p.Sites[j].Id).Select(e => e.Reason);
            list.Add(new PlacementDiagnostic(
                "forced-forbidden",
                $"{Kind(p, j)} site {p.Sites[j].Name} is forbidden: {string.Join("; ", why)}"));
        }

        foreach (var (a, b) in ctx.SpacingConflicts)
        {
            if (ctx.MustOpen[a] && ctx.MustOpen[b])
            {
                list.Add(new PlacementDiagnostic(
                    "spacing",
                    $"forced sites {p.Sites[a].Name} and {p.Sites[b].Name} are {PlacementContext.Num(Math.Round(p.SpacingKm(a, b), 1))} km apart; " +
                    $"minimum spacing is {PlacementContext.Num(o.MinSpacingKm!.Value)} km"));
            }
        }

        if (o.Budget is { } budget)
        {
            double fixedForced = forced.Sum(j => p.Sites[j].FixedCost);
            if (fixedForced > budget + 1e-9)
            {
                list.Add(new PlacementDiagnostic(
                    "budget",
                    $"budget {PlacementContext.Num(budget)} < fixed cost of forced sites {PlacementContext.Num(fixedForced)} " +
                    $"({string.Join(", ", forced.Select(j => p.Sites[j].Name))})"));
            }
        }

        if (o.HubLimit is { } limit && forced.Length > limit)
        {
            list.Add(new PlacementDiagnostic(
                "hub-count",
                $"{forced.Length} forced or existing sites ({string.Join(", ", forced.Select(j => p.Sites[j].Name))}) exceed the limit of {limit} hubs"));
        }

        if (ctx.Model.Precheck is { } precheck)
        {
            list.AddRange(precheck(new PlacementInstance(ctx)));
        }

        return list;
    }

    /// <summary>One "coverage" diagnostic per demand point no eligible site covers within the service distance.</summary>
    internal static IEnumerable<PlacementDiagnostic> UncoverablePoints(PlacementContext ctx) =>
        Uncoverable(ctx).Select(i => new PlacementDiagnostic(
            "coverage",
            $"demand point {ctx.Problem.Demand[i].Name} is beyond the service distance {PlacementContext.Num(ctx.Options.ServiceDistance!.Value)} of every eligible site"));

    /// <summary>Demand points no eligible site covers within the service distance.</summary>
    internal static IEnumerable<int> Uncoverable(PlacementContext ctx)
    {
        for (int i = 0; i < ctx.Problem.DemandCount; i++)
        {
            bool any = false;
            for (int j = 0; j < ctx.Problem.SiteCount && !any; j++)
            {
                any = ctx.Covers(j, i);
            }

            if (!any)
            {
                yield return i;
            }
        }
    }

    /// <summary>Capacity the eligible sites cannot provide (in total, within the hub limit, per point when single-source), and points no eligible site reaches.</summary>
    internal static List<PlacementDiagnostic> CapacityShortfalls(PlacementContext ctx)
    {
        var list = new List<PlacementDiagnostic>();
        var p = ctx.Problem;
        double demand = p.Demand.Sum(d => d.Demand);
        var caps = Enumerable.Range(0, p.SiteCount).Where(j => ctx.Eligible[j]).Select(j => p.Sites[j].Capacity)
            .OrderByDescending(c => c).ToArray();
        double total = caps.Sum();
        if (total < demand - 1e-9)
        {
            list.Add(new PlacementDiagnostic(
                "capacity",
                $"total capacity {PlacementContext.Num(total)} t < demand {PlacementContext.Num(demand)} t"));
            return list;
        }

        if (ctx.Options.HubLimit is { } limit && caps.Take(limit).Sum() < demand - 1e-9)
        {
            list.Add(new PlacementDiagnostic(
                "capacity",
                $"the {limit} largest eligible capacities total {PlacementContext.Num(caps.Take(limit).Sum())} t < demand {PlacementContext.Num(demand)} t"));
        }

        for (int i = 0; i < p.DemandCount; i++)
        {
            bool reachable = false;
            double best = 0;
            for (int j = 0; j < p.SiteCount; j++)
            {
                if (ctx.Eligible[j] && double.IsFinite(p.Cost[j, i]))
                {
                    reachable = true;
                    best = Math.Max(best, p.Sites[j].Capacity);
                }
            }

            if (!reachable)
            {
                list.Add(new PlacementDiagnostic("coverage", $"demand point {p.Demand[i].Name} cannot be reached from any eligible site"));
            }
            else if (ctx.Options.SingleSource && p.Demand[i].Demand > best + 1e-9)
            {
                list.Add(new PlacementDiagnostic(
                    "capacity",
                    $"demand point {p.Demand[i].Name} needs {PlacementContext.Num(p.Demand[i].Demand)} t from one hub, more than the largest eligible capacity {PlacementContext.Num(best)} t"));
            }
        }

        return list;
    }

    private static string Kind(PlacementProblem p, int j) =>
        p.Sites[j].Status == Domain.SiteStatus.Existing ? "existing" : "forced";
}
