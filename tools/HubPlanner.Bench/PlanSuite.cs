using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Import;
using HubPlanner.Data.Store;

namespace HubPlanner.Bench;

/// <summary>
/// `plan [--data DIR] [--reps R] [--json]`: the main job on the embedded Ukraine dataset with default time limits
/// (target ≤ 60 s on 2 cores), then two what-if re-plans after losing the hub whose loss costs most airspace:
/// frozen (keep the other hubs and their equipment) and re-optimised (warm start from the parent, time limits capped
/// by whatif_time_limit_s; target ≤ 10 s). The baseline of each re-plan is the full plan measured in the same run.
/// </summary>
public sealed class PlanSuite : IBenchSuite
{
    public string Name => "plan";

    public string Description => "the main job on data/ukraine (≤ 60 s) and a what-if re-plan after losing one hub (≤ 10 s), vs the full plan";

    public int Run(IReadOnlyList<string> args)
    {
        string data = Arg(args, "--data") ?? Path.Combine(BenchPaths.RepositoryRoot(), "data", "ukraine");
        int reps = int.Parse(Arg(args, "--reps") ?? "1", CultureInfo.InvariantCulture);
        bool json = args.Contains("--json");
        string db = Path.Combine(Path.GetTempPath(), $"hp-bench-plan-{Environment.ProcessId}.gpkg");
        PlanningStore.Delete(db);
        try
        {
            var store = PlanningStore.Open(db);
            DatasetImporter.LoadDataset(store, DatasetImporter.ReadDataset(data));
            var problem = store.LoadProblem("base");
            var rows = new List<(string Case, double Seconds, double Target, string Detail)>();
            Console.WriteLine("case\trep\tseconds\ttarget_s\tratio_to_full\tdetail");
            for (int rep = 1; rep <= reps; rep++)
            {
                var sw = Stopwatch.StartNew();
                var full = PlanPipeline.Run(problem, new PlanRunOptions("base"));
                double fullS = sw.Elapsed.TotalSeconds;
                string stages = string.Join(" ", full.Stages.Select(s => $"{s.Stage}={s.Seconds:0.0}s"));
                rows.Add(("full", fullS, 60, stages));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full\t{rep}\t{fullS:0.00}\t60\t1.000\t{stages}"));

                var top = full.Losses.OrderByDescending(l => l.TargetAltitudeM).ThenByDescending(l => l.AirspaceLostKm2).First();
                var lost = new RemoveSiteEdit(top.SiteId).Apply(problem);
                foreach (bool freeze in new[] { true, false })
                {
                    var edited = lost with { Parameters = lost.Parameters with { Freeze = freeze } };
                    sw.Restart();
                    var replan = PlanPipeline.Run(edited, new PlanRunOptions("lose-" + top.SiteId, full));
                    double s = sw.Elapsed.TotalSeconds;
                    string name = freeze ? "whatif_frozen" : "whatif_reoptimised";
                    string detail = $"lost {top.SiteId}; hubs {replan.Hubs.Count}; airspace at {top.TargetAltitudeM:0} m " +
                                    $"{full.Coverage[^1].AirspacePct:0.0}% -> {replan.Coverage[^1].AirspacePct:0.0}%";
                    rows.Add((name, s, 10, detail));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{rep}\t{s:0.00}\t10\t{s / fullS:0.000}\t{detail}"));
                }
            }

            var summary = rows.GroupBy(r => r.Case).ToDictionary(g => g.Key, g =>
            {
                var times = g.Select(r => r.Seconds).Order().ToList();
                double median = times[times.Count / 2];
                return new { median_s = median, max_s = times[^1], target_s = g.First().Target, meets_target = times[^1] <= g.First().Target };
            });
            double fullMedian = summary["full"].median_s;
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    suite = "plan",
                    cores = Environment.ProcessorCount,
                    reps,
                    cases = summary,
                    whatif_frozen_ratio = summary["whatif_frozen"].median_s / fullMedian,
                    whatif_reoptimised_ratio = summary["whatif_reoptimised"].median_s / fullMedian,
                }));
            }

            return summary.Values.All(v => v.meets_target) ? 0 : 1;
        }
        finally
        {
            PlanningStore.Delete(db);
        }
    }

    private static string? Arg(IReadOnlyList<string> args, string name)
    {
        for (int i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

}
