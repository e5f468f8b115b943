using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HubPlanner.Core.Routing;

namespace HubPlanner.Bench;

/// <summary>
/// `vrp`: HubPlanner's routing stage against published CVRP / VRPTW / MDVRP / PDPTW instances and, in the same run,
/// plain OR-Tools (PATH_CHEAPEST_ARC + GLS, same matrices, same time limit). Every solution goes through the
/// independent <see cref="RouteChecker"/>.
/// </summary>
public sealed class VrpSuite : IBenchSuite
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <inheritdoc/>
    public string Name => "vrp";

    /// <inheritdoc/>
    public string Description => "routing vs BKS and plain OR-Tools: --set DIR [--time-limit S] [--json] [--solutions DIR] [--filter REGEX] [--max-instances N] [--no-baseline] [--search ils|gls] [--workers N] [--neighbors R] [--seed N]";

    private sealed record Options(
        string SetDir,
        string BenchVrpRoot,
        double TimeLimitS,
        bool Json,
        string? SolutionsDir,
        Regex? Filter,
        int MaxInstances,
        bool Baseline,
        RoutingSearch Search,
        int Workers,
        double Neighbors,
        int Seed,
        FirstSolution First);

    private sealed record RunResult(double Cost, int Vehicles, double Seconds, bool Valid, int Unserved, string Note)
    {
        public double? Gap(double? bks) => bks is double b && Valid && Unserved == 0 ? 100 * (Cost - b) / b : null;
    }

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args)
    {
        Options o;
        try
        {
            o = Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        if (!Directory.Exists(o.SetDir))
        {
            Console.Error.WriteLine($"no such set directory: {o.SetDir}");
            return 2;
        }

        var files = VrpInstances.Files(o.SetDir)
            .Where(f => o.Filter is null || o.Filter.IsMatch(Path.GetFileNameWithoutExtension(f)))
            .Take(o.MaxInstances)
            .ToList();
        if (o.SolutionsDir is not null)
        {
            Directory.CreateDirectory(o.SolutionsDir);
        }

        Console.WriteLine($"# vrp set={o.SetDir} time-limit={o.TimeLimitS.ToString(Inv)}s search={o.Search} workers={o.Workers} neighbors={o.Neighbors.ToString(Inv)} baseline={(o.Baseline ? "PATH_CHEAPEST_ARC+GLS" : "off")} instances={files.Count}");
        Console.WriteLine("instance\tn\tbks\tbks_veh\thp_cost\thp_gap%\thp_veh\thp_s\tbase_cost\tbase_gap%\tbase_veh\tbase_s\tnote");
        var rows = new List<Dictionary<string, object?>>();
        var hpGaps = new List<double>();
        var baseGaps = new List<double>();
        var hpGapsListed = new List<double>();
        var baseGapsListed = new List<double>();
        int replaced = 0;
        int invalid = 0, moreVehicles = 0;
        foreach (var file in files)
        {
            var instance = VrpInstances.Load(file, o.BenchVrpRoot);
            var hpOptions = new RoutingOptions(
                TimeSpan.FromSeconds(o.TimeLimitS),
                Seed: o.Seed,
                Search: o.Search,
                FirstSolution: o.First,
                Workers: o.Workers,
                NeighborsRatio: o.Neighbors,
                CostScale: 1000,
                TimeScale: instance.IntegerCosts ? 1 : 1000);
            var hp = RunOne(instance, hpOptions, o.SolutionsDir, "hp");
            RunResult? baseline = null;
            if (o.Baseline)
            {
                var baseOptions = RoutingOptions.PlainOrTools(TimeSpan.FromSeconds(o.TimeLimitS)) with
                {
                    CostScale = hpOptions.CostScale,
                    TimeScale = hpOptions.TimeScale,
                };
                baseline = RunOne(instance, baseOptions, null, "base");
            }

            double? hpGap = hp.Gap(instance.Bks), baseGap = baseline?.Gap(instance.Bks);
            if (hpGap is double hg && (baseline is null || baseGap is not null))
            {
                hpGaps.Add(hg);
                hpGapsListed.Add(hp.Gap(instance.ListedBks ?? instance.Bks)!.Value);
                if (baseGap is double bg)
                {
                    baseGaps.Add(bg);
                    baseGapsListed.Add(baseline!.Gap(instance.ListedBks ?? instance.Bks)!.Value);
                }
            }

            if (instance.ListedBks is not null)
            {
                replaced++;
            }

            if (instance.BksVehicles is int bv && hp.Vehicles > bv)
            {
                moreVehicles++;
            }

            if (!hp.Valid || (baseline is not null && !baseline.Valid))
            {
                invalid++;
            }

            string? bksNote = instance.ListedBks is double listed ? $"bks=lower-bound(listed {F(listed)} is below it)" : null;
            string note = string.Join(" ", new[] { bksNote, hp.Note, baseline?.Note }.Where(s => !string.IsNullOrEmpty(s)));
            Console.WriteLine(string.Join('\t',
                instance.Name,
                instance.Problem.Orders.Count.ToString(Inv),
                F(instance.Bks),
                instance.BksVehicles?.ToString(Inv) ?? "-",
                F(hp.Cost),
                F(hpGap, "0.000"),
                hp.Vehicles.ToString(Inv),
                F(hp.Seconds, "0.0"),
                baseline is null ? "-" : F(baseline.Cost),
                F(baseGap, "0.000"),
                baseline?.Vehicles.ToString(Inv) ?? "-",
                baseline is null ? "-" : F(baseline.Seconds, "0.0"),
                note.Length == 0 ? "ok" : note));
            rows.Add(new Dictionary<string, object?>
            {
                ["instance"] = instance.Name,
                ["n"] = instance.Problem.Orders.Count,
                ["bks"] = instance.Bks,
                ["bks_vehicles"] = instance.BksVehicles,
                ["bks_listed"] = instance.ListedBks,
                ["hp_cost"] = hp.Cost,
                ["hp_gap_pct"] = hpGap,
                ["hp_vehicles"] = hp.Vehicles,
                ["hp_seconds"] = hp.Seconds,
                ["hp_valid"] = hp.Valid,
                ["base_cost"] = baseline?.Cost,
                ["base_gap_pct"] = baseGap,
                ["base_vehicles"] = baseline?.Vehicles,
                ["base_seconds"] = baseline?.Seconds,
                ["base_valid"] = baseline?.Valid,
            });
        }

        double? hpMean = hpGaps.Count > 0 ? hpGaps.Average() : null;
        double? baseMean = baseGaps.Count > 0 ? baseGaps.Average() : null;
        double? ratio = hpMean is double h && baseMean is double b && b > 0 ? h / b : null;
        Console.WriteLine($"# summary: instances={files.Count} compared={hpGaps.Count} invalid={invalid} hp_more_vehicles_than_bks={moreVehicles} hp_mean_gap%={F(hpMean, "0.000")} base_mean_gap%={F(baseMean, "0.000")} ratio={F(ratio, "0.000")} (target ratio <= 0.4)");
        double? hpListed = null, baseListed = null, ratioListed = null;
        if (replaced > 0)
        {
            hpListed = hpGapsListed.Count > 0 ? hpGapsListed.Average() : null;
            baseListed = baseGapsListed.Count > 0 ? baseGapsListed.Average() : null;
            ratioListed = hpListed is double hl && baseListed is double bl && bl > 0 ? hl / bl : null;
            Console.WriteLine($"# against the listed values (incl. {replaced} below a proven lower bound): hp_mean_gap%={F(hpListed, "0.000")} base_mean_gap%={F(baseListed, "0.000")} ratio={F(ratioListed, "0.000")}");
        }

        if (o.Json)
        {
            var summary = new Dictionary<string, object?>
            {
                ["suite"] = "vrp",
                ["set"] = o.SetDir,
                ["time_limit_s"] = o.TimeLimitS,
                ["search"] = o.Search.ToString(),
                ["workers"] = o.Workers,
                ["instances"] = files.Count,
                ["compared"] = hpGaps.Count,
                ["invalid"] = invalid,
                ["hp_more_vehicles_than_bks"] = moreVehicles,
                ["hp_mean_gap_pct"] = hpMean,
                ["baseline_mean_gap_pct"] = baseMean,
                ["gap_ratio"] = ratio,
                ["bks_replaced_by_lower_bound"] = replaced,
                ["hp_mean_gap_pct_vs_listed"] = hpListed,
                ["baseline_mean_gap_pct_vs_listed"] = baseListed,
                ["gap_ratio_vs_listed"] = ratioListed,
                ["rows"] = rows,
            };
            Console.WriteLine(JsonSerializer.Serialize(summary));
        }

        return invalid == 0 ? 0 : 1;
    }

    private static RunResult RunOne(VrpInstance instance, RoutingOptions options, string? solutionsDir, string label)
    {
        var sw = Stopwatch.StartNew();
        var plan = DeliveryRouter.Solve(instance.Problem, options);
        double seconds = sw.Elapsed.TotalSeconds;
        var check = RouteChecker.Check(instance.Problem, plan);
        string note = check.IsValid ? "" : $"{label}-INVALID: {string.Join("; ", check.Violations.Take(3))}";
        note += $" {label}-solutions={plan.Stats.Solutions}";
        if (plan.Stats.UsedSoftMandatoryFallback)
        {
            note += $" {label}-fallback";
        }

        if (plan.Stats.PostOptimizeMoves > 0)
        {
            note += $" {label}-polish-moves={plan.Stats.PostOptimizeMoves}";
        }

        if (plan.Unserved.Count > 0)
        {
            note += $" {label}-unserved={plan.Unserved.Count}";
        }

        if (solutionsDir is not null)
        {
            WriteSolution(Path.Combine(solutionsDir, instance.Name + ".sol"), instance, plan);
        }

        return new RunResult(plan.TotalCost, plan.Routes.Count, seconds, check.IsValid, plan.Unserved.Count, note.Trim());
    }

    /// <summary>CVRPLIB `.sol`: `Route #i: c1 c2 …` in the instance's customer numbering, then `Cost N`.</summary>
    private static void WriteSolution(string path, VrpInstance instance, DeliveryPlan plan)
    {
        var sb = new StringBuilder();
        int i = 1;
        foreach (var route in plan.Routes)
        {
            sb.Append(Inv, $"Route #{i++}:");
            foreach (var stop in route.Stops)
            {
                sb.Append(' ').Append(instance.CustomerNumber(stop.Location).ToString(Inv));
            }

            sb.AppendLine();
        }

        sb.AppendLine(instance.IntegerCosts ? string.Create(Inv, $"Cost {Math.Round(plan.TotalCost):0}") : string.Create(Inv, $"Cost {plan.TotalCost:0.###}"));
        File.WriteAllText(path, sb.ToString());
    }

    private static string F(double? v, string format = "0.###") => v is double d ? d.ToString(format, Inv) : "-";

    private static Options Parse(IReadOnlyList<string> args)
    {
        string root = BenchPaths.RepositoryRoot();
        string benchRoot = Path.GetFullPath(Path.Combine(root, "..", "shared", "bench"));
        string? set = null;
        double timeLimit = 10;
        bool json = false, baseline = true;
        string? solutions = null;
        Regex? filter = null;
        int max = int.MaxValue, workers = 0, seed = 0;
        double neighbors = 1;
        var search = RoutingSearch.IteratedLocalSearch;
        var first = FirstSolution.Automatic;
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--set": set = Next(); break;
                case "--bench-root": benchRoot = Next(); break;
                case "--time-limit": timeLimit = double.Parse(Next(), Inv); break;
                case "--json": json = true; break;
                case "--solutions": solutions = Next(); break;
                case "--filter": filter = new Regex(Next(), RegexOptions.CultureInvariant); break;
                case "--max-instances": max = int.Parse(Next(), Inv); break;
                case "--no-baseline": baseline = false; break;
                case "--workers": workers = int.Parse(Next(), Inv); break;
                case "--neighbors": neighbors = double.Parse(Next(), Inv); break;
                case "--seed": seed = int.Parse(Next(), Inv); break;
                case "--first":
                    first = Enum.Parse<FirstSolution>(Next(), ignoreCase: true);
                    break;
                case "--search":
                    search = Next().ToUpperInvariant() switch
                    {
                        "ILS" => RoutingSearch.IteratedLocalSearch,
                        "GLS" => RoutingSearch.GuidedLocalSearch,
                        var s => throw new ArgumentException($"unknown search '{s}' (ils|gls)"),
                    };
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        string vrpRoot = Path.Combine(benchRoot, "vrp");
        set = set is null ? Path.Combine(vrpRoot, "cvrp", "A") : Path.GetFullPath(set);
        return new Options(set, vrpRoot, timeLimit, json, solutions, filter, max, baseline, search, workers, neighbors, seed, first);
    }

}
