using System.Globalization;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;

namespace HubPlanner.Bench;

/// <summary>
/// OR-Library capacitated warehouse location cap41–cap104 (split demand; optima in capopt.txt) with the strong
/// formulation (z_ij ≤ x_j) against the weak textbook one (aggregated capacity rows only), same run.
/// </summary>
public sealed class CflpSuite : IBenchSuite
{
    private static readonly string[] Instances =
    [
        "cap41", "cap42", "cap43", "cap44", "cap51", "cap61", "cap62", "cap63", "cap64", "cap71", "cap72", "cap73", "cap74",
        "cap81", "cap82", "cap83", "cap84", "cap91", "cap92", "cap93", "cap94", "cap101", "cap102", "cap103", "cap104",
    ];

    public string Name => "cflp";

    public string Description => "capacitated facility location: OR-Library cap41-cap104 (split demand); [--set DIR] [--time-limit S] [--baseline-time-limit S] [--no-baseline] [--only a,b] [--json] [--solutions DIR]";

    public int Run(IReadOnlyList<string> args)
    {
        var a = LocationBenchArgs.Parse(args);
        var dir = Path.Combine(a.LocationDir, "orlib_cap");
        var optima = LocationInstances.ReadOptima(Path.Combine(dir, "capopt.txt"));
        var rows = new List<LocationRow>();
        LocationReport.Header();
        foreach (var name in Instances.Where(a.Wants))
        {
            var (cap, fix, dem, cost) = LocationInstances.ReadCap(Path.Combine(dir, name + ".txt"));
            var problem = PlacementProblem.Create(
                cap.Select((c, j) => new CandidateSite((j + 1).ToString(CultureInfo.InvariantCulture), $"w{j + 1}", fix[j], c, SiteStatus.Candidate, 0, 0)),
                dem.Select((d, i) => new PlacementDemandPoint((i + 1).ToString(CultureInfo.InvariantCulture), $"c{i + 1}", 1, d)),
                cost);
            var options = new PlacementOptions(PlacementModel.Cflp, TimeLimit: TimeSpan.FromSeconds(a.TimeLimitS), Seed: 1, Engine: a.Engine);
            var ours = PlacementSolver.Solve(problem, options);
            var baseline = a.Baseline ? PlacementBaselines.CflpWeak(problem, options with { TimeLimit = TimeSpan.FromSeconds(a.BaselineTimeLimitS) }) : null;
            var row = PMedianSuite.ToRow(name, "cflp", ours, optima.TryGetValue(name, out double opt) ? opt : null, baseline);
            rows.Add(row);
            LocationReport.Row(row);
            LocationReport.WriteSolution(a, name, ours.Model.Name, ours.OpenSiteIds.Select(id => int.Parse(id, CultureInfo.InvariantCulture)), ours.Objective);
        }

        // capopt.txt prints three decimals: a gap below 1e-6 % is "equal".
        return LocationReport.Summary(Name, a, rows, r => r.Status == "Optimal" && LocationReport.MatchesKnown(r) && r.Seconds <= 10);
    }
}
