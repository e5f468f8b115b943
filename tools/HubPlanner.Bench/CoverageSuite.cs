using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HubPlanner.Core.Coverage;
using HubPlanner.Core.Geo;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace HubPlanner.Bench;

/// <summary>
/// `coverage --assets N [--seed K] [--hubs H] [--border FILE] [--coast FILE] [--reps R] [--baseline-loss-hubs M]
/// [--no-baseline] [--json]`: the full coverage report (3 bands, k ≤ 3, per-hub loss, gaps) for N assets at random
/// hub sites inside Ukraine, against the naive baseline in the same run, plus the what-if fast paths (remove a hub,
/// add a hub) against full recomputation.
/// </summary>
public sealed class CoverageSuite : IBenchSuite
{
    private static readonly double[] AirRadiiKm = [8, 40, 150, 250];

    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory(GeoFactory.Wgs84) } };

    public string Name => "coverage";

    public string Description => "coverage report (discs, k-coverage, per-hub loss, gaps) vs naive unions; what-if fast path vs recompute";

    public int Run(IReadOnlyList<string> args)
    {
        var sizes = (StringArg(args, "--assets") ?? "200").Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        int seed = IntArg(args, "--seed", 1);
        int? hubsArg = args.Contains("--hubs") ? IntArg(args, "--hubs", 1) : null;
        int reps = IntArg(args, "--reps", 3);
        int? lossSample = args.Contains("--baseline-loss-hubs") ? IntArg(args, "--baseline-loss-hubs", 0) : null;
        bool json = args.Contains("--json");
        // The table and the JSON line go to stdout; the human summary per instance goes to stderr.
        bool baseline = !args.Contains("--no-baseline");
        string root = BenchPaths.RepositoryRoot();
        string borderPath = StringArg(args, "--border") ?? Path.Combine(root, "data", "ukraine", "border.geojson");
        string coastPath = StringArg(args, "--coast") ?? Path.Combine(Path.GetDirectoryName(borderPath)!, "coast.geojson");
        if (!File.Exists(borderPath))
        {
            Console.Error.WriteLine($"coverage: border file '{borderPath}' not found. data/ukraine/border.geojson comes from the dataset " +
                                    "branch (merge main once it has landed), or pass --border FILE (GeoJSON Polygon/MultiPolygon, lon/lat).");
            return 2;
        }

        var border = ReadGeometry(borderPath);
        border = border.IsValid ? border : NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(border);
        Geometry coast = File.Exists(coastPath) ? ReadGeometry(coastPath) : GeoFactory.Wgs84.CreateMultiLineString();
        // The dataset's zones (coastal zone, weighted priority zones) when present beside the border; otherwise the
        // 12-nautical-mile strip off the coast stands in for the coastal zone.
        string zonesPath = Path.Combine(Path.GetDirectoryName(borderPath)!, "zones.geojson");
        var zones = File.Exists(zonesPath) ? ReadFeatures(zonesPath) : [];
        var coastalFeatures = zones.Where(z => z.Kind == "coastal").Select(z => z.Geometry).ToList();
        var coastalZone = coastalFeatures.Count > 0
            ? NetTopologySuite.Operation.OverlayNG.OverlayNGRobust.Union(coastalFeatures.Select(g => g.IsValid ? g : NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(g)))
            : CoastalZone(border, coast);
        var priority = zones.Where(z => z.Kind == "priority").Select(z => new PriorityZone(z.Id, z.Geometry, z.Weight)).ToArray();

        var rows = new List<Dictionary<string, object>>();
        foreach (int assets in sizes)
        {
            var row = RunInstance(assets, seed, hubsArg ?? Math.Max(1, assets / 4), reps, lossSample, baseline, border, coastalZone, coast, priority);
            if (rows.Count == 0)
            {
                Console.WriteLine(string.Join('\t', row.Keys));
            }

            Console.WriteLine(string.Join('\t', row.Values.Select(Format)));
            rows.Add(row);
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["suite"] = Name, ["border"] = borderPath, ["rows"] = rows }));
        }

        return 0;
    }

    private static Dictionary<string, object> RunInstance(int assets, int seed, int hubs, int reps, int? lossSample, bool baseline,
        Geometry border, Geometry coastalZone, Geometry coast, PriorityZone[] priority)
    {
        var rng = new Random(seed);
        var sites = RandomSites(border, hubs, rng);
        var assetList = MakeAssets(assets, sites, rng, "h");
        var problem = CoverageProblem.Create(assetList, border, coastalZone, coast, priority, minGapAreaKm2: 100);
        var options = CoverageOptions.Default;

        // Warm-up (JIT, projection set-up) on a small problem, not timed.
        CoverageAnalyzer.Run(CoverageProblem.Create(assetList.Take(Math.Min(20, assets)).ToArray(), border, coastalZone, coast, priority));

        // Every figure is taken as wall time and as process CPU time: with six engineers sharing two cores the wall
        // time mostly measures the neighbours, CPU time the work (it also adds up both cores where work runs in parallel).
        var runs = new List<Timed>();
        CoverageAnalysis analysis = null!;
        for (int r = 0; r < Math.Max(1, reps); r++)
        {
            runs.Add(Measure(() => analysis = CoverageAnalyzer.Analyze(problem, options)));
        }

        var full = new Timed(Median(runs.Select(t => t.WallMs)), Median(runs.Select(t => t.CpuMs)));
        var report = analysis.Report;

        // What-if: lose the hub that covers the most on its own at the lowest band; add a new 3-asset hub.
        string lostHub = report.Bands[0].Airspace.HubLosses.Count > 0 ? report.Bands[0].Airspace.HubLosses[0].HubId : report.HubIds[0];
        CoverageAnalysis removedFast = null!;
        CoverageReport removedFull = null!;
        var removeFast = Measure(() => removedFast = analysis.WithoutHub(lostHub));
        var removeFull = Measure(() => removedFull = CoverageAnalyzer.Run(
            CoverageProblem.Create(assetList.Where(a => a.HubId != lostHub).ToArray(), border, coastalZone, coast, priority)));
        double removeDiff = MaxDiffKm2(removedFast.Report, removedFull);

        var newSite = RandomSites(border, 1, rng)[0];
        var addedAssets = MakeAssets(3, [newSite], rng, "new");
        CoverageAnalysis addedFast = null!;
        CoverageReport addedFull = null!;
        var addFast = Measure(() => addedFast = analysis.WithAssets(addedAssets));
        var addFull = Measure(() => addedFull = CoverageAnalyzer.Run(
            CoverageProblem.Create(assetList.Concat(addedAssets).ToArray(), border, coastalZone, coast, priority)));
        double addDiff = MaxDiffKm2(addedFast.Report, addedFull);

        var naiveTime = new Timed(double.NaN, double.NaN);
        double baselineDiff = double.NaN;
        int lossMeasured = -1;
        if (baseline)
        {
            List<(CoverageNaiveBaseline.DomainResult Air, CoverageNaiveBaseline.DomainResult Coastal)> naive = null!;
            naiveTime = Measure(() => naive = CoverageNaiveBaseline.Run(problem, options, lossSample, out lossMeasured));
            int allHubs = report.HubIds.Count;
            if (lossMeasured < allHubs && lossMeasured > 0)
            {
                // Per-hub loss dominates the baseline and is linear in the hub count: scale the measured part.
                var withoutLoss = Measure(() => CoverageNaiveBaseline.Run(problem, options, 0, out _));
                naiveTime = new Timed(
                    withoutLoss.WallMs + (naiveTime.WallMs - withoutLoss.WallMs) * allHubs / lossMeasured,
                    withoutLoss.CpuMs + (naiveTime.CpuMs - withoutLoss.CpuMs) * allHubs / lossMeasured);
            }

            baselineDiff = MaxDiffKm2(report, naive);
        }

        double fullMs = full.WallMs, baselineMs = naiveTime.WallMs;
        double removeFastMs = removeFast.WallMs, removeFullMs = removeFull.WallMs, addFastMs = addFast.WallMs, addFullMs = addFull.WallMs;
        var band0 = report.Bands[0];
        string instance = $"ua-n{assets}-s{seed}";
        var row = new Dictionary<string, object>
        {
            ["instance"] = instance,
            ["assets"] = assets,
            ["hubs"] = report.HubIds.Count,
            ["bands"] = report.Bands.Count,
            ["faces_band0_air"] = band0.Airspace.FaceCount,
            ["full_ms"] = Math.Round(fullMs, 1),
            ["full_cpu_ms"] = Math.Round(full.CpuMs, 1),
            ["full_cpu_ms_min"] = Math.Round(runs.Min(t => t.CpuMs), 1),
            ["full_ms_min"] = Math.Round(runs.Min(t => t.WallMs), 1),
            ["baseline_ms"] = Math.Round(baselineMs, 1),
            ["baseline_cpu_ms"] = Math.Round(naiveTime.CpuMs, 1),
            ["baseline_estimated"] = lossMeasured >= 0 && lossMeasured < report.HubIds.Count,
            ["speedup"] = Math.Round(baselineMs / fullMs, 2),
            ["speedup_cpu"] = Math.Round(naiveTime.CpuMs / full.CpuMs, 2),
            ["baseline_max_diff_km2"] = Math.Round(baselineDiff, 3),
            ["remove_fast_ms"] = Math.Round(removeFastMs, 1),
            ["remove_full_ms"] = Math.Round(removeFullMs, 1),
            ["remove_speedup"] = Math.Round(removeFullMs / removeFastMs, 2),
            ["remove_speedup_cpu"] = Math.Round(removeFull.CpuMs / removeFast.CpuMs, 2),
            ["remove_max_diff_km2"] = Math.Round(removeDiff, 3),
            ["add_fast_ms"] = Math.Round(addFastMs, 1),
            ["add_full_ms"] = Math.Round(addFullMs, 1),
            ["add_speedup"] = Math.Round(addFullMs / addFastMs, 2),
            ["add_speedup_cpu"] = Math.Round(addFull.CpuMs / addFast.CpuMs, 2),
            ["add_max_diff_km2"] = Math.Round(addDiff, 3),
            ["air_pct"] = report.Bands.Select(b => Math.Round(b.Airspace.CoveredPercent, 2)).ToArray(),
            ["air_k3_pct"] = report.Bands.Select(b => Math.Round(b.Airspace.AtLeastK[^1].Percent, 2)).ToArray(),
            ["coastal_pct"] = report.Bands.Select(b => Math.Round(b.Coastal.CoveredPercent, 2)).ToArray(),
            ["coastline_pct"] = report.Bands.Select(b => Math.Round(b.Coastal.Coastline?.Percent ?? 0, 2)).ToArray(),
            ["gaps_band0"] = band0.Airspace.Gaps.Count,
        };

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {instance}: full report {fullMs:0} ms wall / {full.CpuMs:0} ms CPU (median of {runs.Count}) vs naive {baselineMs:0} / {naiveTime.CpuMs:0} ms" +
            $"{((bool)row["baseline_estimated"] ? $" (per-hub loss timed on {lossMeasured} hubs, scaled)" : "")}: ×{baselineMs / fullMs:0.0} wall, ×{naiveTime.CpuMs / full.CpuMs:0.0} CPU; " +
            $"remove hub {removeFastMs:0} vs {removeFullMs:0} ms (CPU {removeFast.CpuMs:0} vs {removeFull.CpuMs:0}); " +
            $"add hub {addFastMs:0} vs {addFullMs:0} ms (CPU {addFast.CpuMs:0} vs {addFull.CpuMs:0})"));
        return row;
    }

    private static string Format(object o) => o switch
    {
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        double[] a => string.Join(',', a.Select(x => x.ToString("0.##", CultureInfo.InvariantCulture))),
        _ => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Largest absolute difference (km²) over covered, k-coverage and per-hub loss, all bands and domains.</summary>
    private static double MaxDiffKm2(CoverageReport a, CoverageReport b)
    {
        double max = 0;
        for (int i = 0; i < a.Bands.Count; i++)
        {
            foreach (var (x, y) in new[] { (a.Bands[i].Airspace, b.Bands[i].Airspace), (a.Bands[i].Coastal, b.Bands[i].Coastal) })
            {
                max = Math.Max(max, Math.Abs(x.CoveredAreaKm2 - y.CoveredAreaKm2));
                for (int k = 0; k < x.AtLeastK.Count; k++)
                {
                    max = Math.Max(max, Math.Abs(x.AtLeastK[k].AreaKm2 - y.AtLeastK[k].AreaKm2));
                }

                var ly = y.HubLosses.ToDictionary(l => l.HubId, l => l.LostAreaKm2);
                foreach (var l in x.HubLosses)
                {
                    max = Math.Max(max, Math.Abs(l.LostAreaKm2 - ly.GetValueOrDefault(l.HubId, double.NaN)));
                }
            }
        }

        return max;
    }

    private static double MaxDiffKm2(CoverageReport a, List<(CoverageNaiveBaseline.DomainResult Air, CoverageNaiveBaseline.DomainResult Coastal)> naive)
    {
        double max = 0;
        for (int i = 0; i < a.Bands.Count; i++)
        {
            foreach (var (x, y) in new[] { (a.Bands[i].Airspace, naive[i].Air), (a.Bands[i].Coastal, naive[i].Coastal) })
            {
                max = Math.Max(max, Math.Abs(x.CoveredAreaKm2 - y.CoveredKm2));
                for (int k = 0; k < x.AtLeastK.Count; k++)
                {
                    max = Math.Max(max, Math.Abs(x.AtLeastK[k].AreaKm2 - y.AtLeastKm2[k]));
                }

                foreach (var l in x.HubLosses)
                {
                    if (y.LossKm2.TryGetValue(l.HubId, out double v))
                    {
                        max = Math.Max(max, Math.Abs(l.LostAreaKm2 - v));
                    }
                }
            }
        }

        return max;
    }

    private static CoverageAsset[] MakeAssets(int count, List<(double Lon, double Lat)> sites, Random rng, string prefix)
    {
        var list = new CoverageAsset[count];
        for (int i = 0; i < count; i++)
        {
            int hub = i % sites.Count;
            double air = AirRadiiKm[rng.Next(AirRadiiKm.Length)];
            double coastal = rng.NextDouble() < 0.25 ? (rng.Next(2) == 0 ? 40 : 120) : 0;
            double height = 10 + 20 * rng.NextDouble();
            list[i] = new CoverageAsset($"{prefix}{hub}-a{i}", $"{prefix}{hub}", $"r{air}", sites[hub].Lon, sites[hub].Lat, air, coastal, height);
        }

        return list;
    }

    private static List<(double Lon, double Lat)> RandomSites(Geometry border, int count, Random rng)
    {
        var env = border.EnvelopeInternal;
        var locator = new IndexedPointInAreaLocator(border);
        var sites = new List<(double, double)>(count);
        while (sites.Count < count)
        {
            var c = new Coordinate(env.MinX + rng.NextDouble() * env.Width, env.MinY + rng.NextDouble() * env.Height);
            if (locator.Locate(c) == Location.Interior)
            {
                sites.Add((c.X, c.Y));
            }
        }

        return sites;
    }

    /// <summary>Territorial sea as the coastal zone: 12 nautical miles (22.2 km) off the coast, outside the land border.</summary>
    private static Geometry CoastalZone(Geometry border, Geometry coast)
    {
        if (coast.IsEmpty)
        {
            return GeoFactory.Wgs84.CreatePolygon();
        }

        var projection = UkraineEqualArea.Instance;
        var strip = projection.Project(coast).Buffer(22_224);
        var sea = NetTopologySuite.Operation.OverlayNG.OverlayNGRobust.Overlay(strip, projection.Project(border),
            NetTopologySuite.Operation.Overlay.SpatialFunction.Difference);
        return projection.Unproject(sea);
    }

    private static List<(string Id, string Kind, double Weight, Geometry Geometry)> ReadFeatures(string path)
    {
        var fc = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), GeoJsonOptions)!;
        return fc.Select(f => (
                Convert.ToString(f.Attributes.GetOptionalValue("id"), CultureInfo.InvariantCulture) ?? "",
                Convert.ToString(f.Attributes.GetOptionalValue("kind"), CultureInfo.InvariantCulture) ?? "",
                Convert.ToDouble(f.Attributes.GetOptionalValue("weight") ?? 1.0, CultureInfo.InvariantCulture),
                f.Geometry))
            .ToList();
    }

    private static Geometry ReadGeometry(string path)
    {
        var options = GeoJsonOptions;
        string text = File.ReadAllText(path);
        using var doc = JsonDocument.Parse(text);
        string type = doc.RootElement.GetProperty("type").GetString() ?? "";
        var geometries = type switch
        {
            "FeatureCollection" => JsonSerializer.Deserialize<FeatureCollection>(text, options)!.Select(f => f.Geometry).ToList(),
            "Feature" => [JsonSerializer.Deserialize<IFeature>(text, options)!.Geometry],
            _ => [JsonSerializer.Deserialize<Geometry>(text, options)!],
        };
        var all = GeoFactory.Wgs84.BuildGeometry(geometries);
        return all is GeometryCollection { NumGeometries: 1 } gc and not IPolygonal and not ILineal ? gc.GetGeometryN(0) : all;
    }

    private readonly record struct Timed(double WallMs, double CpuMs);

    private static Timed Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        double wall = sw.Elapsed.TotalMilliseconds;
        process.Refresh();
        return new Timed(wall, (process.TotalProcessorTime - cpu0).TotalMilliseconds);
    }

    private static double Median(IEnumerable<double> values)
    {
        var xs = values.ToList();
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static int IntArg(IReadOnlyList<string> args, string name, int fallback)
    {
        string? s = StringArg(args, name);
        return s is null ? fallback : int.Parse(s, CultureInfo.InvariantCulture);
    }

    private static string? StringArg(IReadOnlyList<string> args, string name)
    {
        for (int i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
