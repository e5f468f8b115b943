using System.Globalization;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;

namespace HubPlanner.Bench;

/// <summary>
/// OR-Library pmed1–20 with the radius formulation (heuristic warm start) against the textbook assignment
/// MIP in the same run, plus the spopt San Francisco p-median / p-center with their known values.
/// </summary>
public sealed class PMedianSuite : IBenchSuite
{
    public string Name => "pmedian";

    public string Description => "p-median: OR-Library pmed1-20 + spopt SF (p-median, p-center); [--set DIR] [--time-limit S] [--baseline-time-limit S] [--no-baseline] [--only a,b] [--json] [--solutions DIR]";

    public int Run(IReadOnlyList<string> args)
    {
        var a = LocationBenchArgs.Parse(args);
        var dir = Path.Combine(a.LocationDir, "orlib_pmed");
        var optima = LocationInstances.ReadOptima(Path.Combine(dir, "pmedopt.txt"));
        var rows = new List<LocationRow>();
        LocationReport.Header();
        for (int k = 1; k <= 20; k++)
        {
            string name = $"pmed{k}";
            if (!a.Wants(name))
            {
                continue;
            }

            var (dist, p) = LocationInstances.ReadPMedian(Path.Combine(dir, name + ".txt"));
            var problem = Graph(dist);
            var options = new PlacementOptions(PlacementModel.PMedian, Hubs: p, TimeLimit: TimeSpan.FromSeconds(a.TimeLimitS), Seed: 1, Engine: a.Engine);
            var ours = PlacementSolver.Solve(problem, options, Verbose());
            PlacementResult? baseline = a.Baseline
                ? PlacementBaselines.PMedianAssignment(problem, options with { TimeLimit = TimeSpan.FromSeconds(a.BaselineTimeLimitS) })
                : null;
            var row = ToRow(name, "p-median", ours, optima.TryGetValue(name, out double opt) ? opt : null, baseline);
            rows.Add(row);
            LocationReport.Row(row);
            LocationReport.WriteSolution(a, name, ours.Model.Name, ours.OpenSiteIds.Select(id => int.Parse(id, CultureInfo.InvariantCulture)), ours.Objective);
        }

        foreach (var row in SanFrancisco(a))
        {
            rows.Add(row);
            LocationReport.Row(row);
        }

        return LocationReport.Summary(Name, a, rows, r => r.Status == "Optimal" && LocationReport.MatchesKnown(r) && r.Seconds <= 10);
    }

    /// <summary>Phase-by-phase progress on stderr when HP_VERBOSE is set.</summary>
    internal static IProgress<PlacementProgress>? Verbose() =>
        Environment.GetEnvironmentVariable("HP_VERBOSE") is null
            ? null
            : new SyncProgress(p => Console.Error.WriteLine($"  [{p.Elapsed.TotalSeconds:0.00}s] {p.Phase}: objective {p.Objective} bound {p.Bound}"));

    private sealed class SyncProgress(Action<PlacementProgress> report) : IProgress<PlacementProgress>
    {
        public void Report(PlacementProgress value) => report(value);
    }

    internal static LocationRow ToRow(string name, string model, PlacementResult ours, double? known, PlacementResult? baseline) =>
        new(
            name,
            model,
            ours.Objective,
            known,
            LocationReport.GapPercent(ours.Objective, known),
            ours.Status.ToString(),
            ours.Stats.WallTime.TotalSeconds,
            baseline?.Objective,
            baseline?.Status.ToString(),
            baseline?.Stats.WallTime.TotalSeconds,
            string.Join(' ', ours.OpenSiteIds),
            ours.BestBound,
            LocationReport.GapPercent(ours.Objective, double.IsFinite(ours.BestBound) ? ours.BestBound : null));

    /// <summary>Every vertex is a client and a candidate (ids 1-based as in the file).</summary>
    private static PlacementProblem Graph(double[,] dist)
    {
        int n = dist.GetLength(0);
        var sites = Enumerable.Range(1, n).Select(v => new CandidateSite(v.ToString(CultureInfo.InvariantCulture), $"v{v}", 0, double.PositiveInfinity, SiteStatus.Candidate, 0, 0));
        var demand = Enumerable.Range(1, n).Select(v => new PlacementDemandPoint(v.ToString(CultureInfo.InvariantCulture), $"v{v}", 1, 0));
        return PlacementProblem.Create(sites, demand, dist);
    }

    private static IEnumerable<LocationRow> SanFrancisco(LocationBenchArgs a)
    {
        if (!a.Wants("sf"))
        {
            yield break;
        }

        var sf = SanFranciscoCase.Load(Path.Combine(a.LocationDir, "spopt_sf"));
        var tl = TimeSpan.FromSeconds(a.TimeLimitS);
        var med = new PlacementOptions(PlacementModel.PMedian, Hubs: 4, TimeLimit: tl);
        var ours = PlacementSolver.Solve(sf, med);
        var baseline = a.Baseline ? PlacementBaselines.PMedianAssignment(sf, med with { TimeLimit = TimeSpan.FromSeconds(a.BaselineTimeLimitS) }) : null;
        LocationReport.WriteSolution(a, "sf", ours.Model.Name, ours.OpenSiteIds.Select(id => sf.SiteIndex(id) + 1), ours.Objective);
        yield return ToRow("sf", "p-median", ours, 2_848_268_129.71, baseline);
        var center = PlacementSolver.Solve(sf, new PlacementOptions(PlacementModel.PCenter, Hubs: 4, TimeLimit: tl));
        LocationReport.WriteSolution(a, "sf", center.Model.Name, center.OpenSiteIds.Select(id => sf.SiteIndex(id) + 1), center.Objective);
        yield return ToRow("sf", "p-center", center, 7403.06, null) with { GapPercent = Math.Round(LocationReport.GapPercent(center.Objective, 7403.06), 4) };
    }
}
