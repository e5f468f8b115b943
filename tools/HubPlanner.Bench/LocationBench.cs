using System.Globalization;
using System.Text.Json;

namespace HubPlanner.Bench;

/// <summary>Options shared by the location suites (pmedian, cflp, mclp).</summary>
internal sealed record LocationBenchArgs(
    string LocationDir,
    double TimeLimitS,
    double BaselineTimeLimitS,
    bool Json,
    bool Baseline,
    string? SolutionsDir,
    IReadOnlySet<string>? Only,
    HubPlanner.Core.Placement.PlacementEngine Engine = HubPlanner.Core.Placement.PlacementEngine.Scip,
    IReadOnlyList<double>? Radii = null,
    IReadOnlyList<int>? Hubs = null,
    bool SingleSource = false,
    string? SetDir = null)
{
    public static LocationBenchArgs Parse(IReadOnlyList<string> args, double defaultTimeLimit = 10, double defaultBaseline = 10)
    {
        string? set = null, solutions = null;
        double tl = defaultTimeLimit, btl = defaultBaseline;
        bool json = false, baseline = true;
        HashSet<string>? only = null;
        var engine = HubPlanner.Core.Placement.PlacementEngine.Scip;
        List<double>? radii = null;
        List<int>? hubs = null;
        bool single = false;
        for (int k = 0; k < args.Count; k++)
        {
            string a = args[k];
            switch (a)
            {
                case "--set" or "--bench-root": set = args[++k]; break;
                case "--time-limit": tl = double.Parse(args[++k], CultureInfo.InvariantCulture); break;
                case "--baseline-time-limit": btl = double.Parse(args[++k], CultureInfo.InvariantCulture); break;
                case "--json": json = true; break;
                case "--engine": engine = args[++k] is "cpsat" or "cp-sat" ? HubPlanner.Core.Placement.PlacementEngine.CpSat : HubPlanner.Core.Placement.PlacementEngine.Scip; break;
                case "--no-baseline": baseline = false; break;
                case "--solutions": solutions = args[++k]; break;
                case "--only": only = new HashSet<string>(args[++k].Split(','), StringComparer.OrdinalIgnoreCase); break;
                case "--radius": radii = args[++k].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList(); break;
                case "--p": hubs = args[++k].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList(); break;
                case "--single-source": single = true; break;
                default: throw new ArgumentException($"unknown option {a}");
            }
        }

        return new LocationBenchArgs(ResolveLocation(set), tl, btl, json, baseline, solutions, only, engine, radii, hubs, single, set is null ? null : Path.GetFullPath(set));
    }

    /// <summary>Accepts the bench root, its location/ folder, or a set folder; defaults to ../shared/bench from the repo root.</summary>
    private static string ResolveLocation(string? set)
    {
        if (set is null)
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HubPlanner.sln")))
            {
                dir = dir.Parent;
            }

            var root = dir?.FullName ?? Directory.GetCurrentDirectory();
            set = Path.GetFullPath(Path.Combine(root, "..", "shared", "bench"));
        }

        if (Directory.Exists(Path.Combine(set, "location")))
        {
            return Path.Combine(set, "location");
        }

        return Directory.Exists(Path.Combine(set, "orlib_pmed")) || Directory.Exists(Path.Combine(set, "orlib_cap"))
            || Directory.Exists(Path.Combine(set, "spopt_sf"))
            ? set
            : Path.GetDirectoryName(Path.GetFullPath(set))!;
    }

    public bool Wants(string instance) => Only is null || Only.Contains(instance);
}

/// <summary>One row of a location benchmark table.</summary>
internal sealed record LocationRow(
    string Instance,
    string Model,
    double Objective,
    double? Known,
    double GapPercent,
    string Status,
    double Seconds,
    double? BaselineObjective,
    string? BaselineStatus,
    double? BaselineSeconds,
    string Sites,
    double Bound = double.NaN,
    double BoundGapPercent = double.NaN);

/// <summary>Table and JSON output shared by the location suites.</summary>
internal static class LocationReport
{
    /// <summary>NaN (no solution, no bound) is written as "NaN" rather than failing.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Header() =>
        Console.WriteLine($"{"instance",-12} {"model",-9} {"objective",16} {"known",16} {"gap%",8} {"status",-9} {"time_s",8} {"bound",16} {"bgap%",8} | {"base_obj",16} {"base_status",-11} {"base_s",8} {"ratio",7}");

    public static void Row(LocationRow r)
    {
        string ratio = r.BaselineSeconds is { } b && r.Seconds > 0 ? (b / r.Seconds).ToString("0.0", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{r.Instance,-12} {r.Model,-9} {r.Objective,16:0.##} {(r.Known is { } k ? k.ToString("0.##", CultureInfo.InvariantCulture) : "-"),16} {r.GapPercent,8:0.000} {r.Status,-9} {r.Seconds,8:0.00} {r.Bound,16:0.##} {r.BoundGapPercent,8:0.000} | " +
            $"{(r.BaselineObjective is { } bo ? bo.ToString("0.##", CultureInfo.InvariantCulture) : "-"),16} {r.BaselineStatus ?? "-",-11} {(r.BaselineSeconds is { } bs ? bs.ToString("0.00", CultureInfo.InvariantCulture) : "-"),8} {ratio,7}"));
    }

    /// <summary>Prints the summary line(s) and, with --json, a final JSON line. Returns the exit code.</summary>
    public static int Summary(string suite, LocationBenchArgs args, IReadOnlyList<LocationRow> rows, Func<LocationRow, bool> onTarget)
    {
        int optimal = rows.Count(r => r.Status == "Optimal");
        int hit = rows.Count(onTarget);
        double meanGap = rows.Count > 0 ? rows.Average(r => r.GapPercent) : 0;
        double total = rows.Sum(r => r.Seconds);
        double maxT = rows.Count > 0 ? rows.Max(r => r.Seconds) : 0;
        var withBase = rows.Where(r => r.BaselineSeconds is not null).ToArray();
        double baseTotal = withBase.Sum(r => r.BaselineSeconds!.Value);
        double oursOnBase = withBase.Sum(r => r.Seconds);
        int baseOptimal = withBase.Count(r => r.BaselineStatus == "Optimal");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"summary {suite}: {rows.Count} instances, {optimal} proven optimal, {hit} on target, mean gap {meanGap:0.000}%, total {total:0.0}s, max {maxT:0.00}s; " +
            $"baseline: {baseOptimal}/{withBase.Length} optimal, total {baseTotal:0.0}s (cap {args.BaselineTimeLimitS}s), time ratio baseline/ours {(oursOnBase > 0 ? baseTotal / oursOnBase : 0):0.0}; cores {Environment.ProcessorCount}"));
        if (args.Json)
        {
            var summary = new
            {
                suite,
                instances = rows.Count,
                optimal,
                onTarget = hit,
                meanGapPercent = meanGap,
                totalSeconds = total,
                maxSeconds = maxT,
                timeLimitSeconds = args.TimeLimitS,
                baselineTimeLimitSeconds = args.BaselineTimeLimitS,
                baselineOptimal = baseOptimal,
                baselineTotalSeconds = baseTotal,
                timeRatio = oursOnBase > 0 ? baseTotal / oursOnBase : 0,
                cores = Environment.ProcessorCount,
                rows,
            };
            Console.WriteLine(JsonSerializer.Serialize(summary, JsonOptions));
        }

        return hit == rows.Count ? 0 : 1;
    }

    public static void WriteSolution(LocationBenchArgs args, string instance, string model, IEnumerable<int> oneBasedSites, double objective)
    {
        if (args.SolutionsDir is null)
        {
            return;
        }

        Directory.CreateDirectory(args.SolutionsDir);
        File.WriteAllText(
            Path.Combine(args.SolutionsDir, $"{instance}.{model}.sol"),
            string.Create(CultureInfo.InvariantCulture, $"objective {objective:0.######}\nsites {string.Join(' ', oneBasedSites)}\n"));
    }

    /// <summary>Equal to the known value at the precision it is published with (2–3 decimals), or no known value.</summary>
    public static bool MatchesKnown(LocationRow r) =>
        r.Known is not { } k || Math.Abs(r.Objective - k) <= 0.0051 || Math.Abs(r.Objective - k) <= 1e-9 * Math.Abs(k);

    public static double GapPercent(double objective, double? known) =>
        known is { } k && k != 0 && double.IsFinite(objective) ? 100 * Math.Abs(objective - k) / Math.Abs(k) : (double.IsFinite(objective) ? 0 : double.NaN);
}
