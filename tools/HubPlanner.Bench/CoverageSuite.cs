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

    public string Name => "coverage";

    public string Description => "coverage report (discs, k-coverage, per-hub loss, gaps) vs naive unions; what-if fast path vs recompute";

    public int Run(IReadOnlyList<string> args)
    {
        int assets = IntArg(args, "--assets", 200);
        int seed = IntArg(args, "--seed", 1);
        int hubs = IntArg(args, "--hubs", Math.Max(1, assets / 4));
        int reps = IntArg(args, "--reps", 3);
        int? lossSample = args.Contains("--baseline-loss-hubs") ? IntArg(args, "--baseline-loss-hubs", 0) : null;
        bool json = args.Contains("--json");
        bool baseline = !args.Contains("--no-baseline");
        string root = RepositoryRoot();
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
        var coastalZone = CoastalZone(border, coast);

        var rng = new Random(seed);
        var sites = RandomSites(border, hubs, rng);
        var assetList = MakeAssets(assets, sites, rng, "h");
        var problem = CoverageProblem.Create(assetList, border, coastalZone, coast, minGapAreaKm2: 100);
        var options = CoverageOptions.Default;

        // Warm-up (JIT, projection set-up) on a small problem, not timed.
        CoverageAnalyzer.Run(CoverageProblem.Create(assetList.Take(Math.Min(20, assets)).ToArray(), border, coastalZone, coast));

        var times = new List<double>();
        var cpuTimes = new List<double>();
        CoverageAnalysis analysis = null!;
        for (int r = 0; r < Math.Max(1, reps); r++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            analysis = CoverageAnalyzer.Analyze(problem, options);
            times.Add(sw.Elapsed.TotalMilliseconds);
            cpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        }

        double fullMs = Median(times);
        var report = analysis.Report;

        // What-if: lose the hub that covers the most on its own at the lowest band; add a new 3-asset hub.
        string lostHub = report.Bands[0].Airspace.HubLosses.Count > 0 ? report.Bands[0].Airspace.HubLosses[0].HubId : report.HubIds[0];
        var sw2 = Stopwatch.StartNew();
        var removedFast = analysis.WithoutHub(lostHub);
        double removeFastMs = sw2.Elapsed.TotalMilliseconds;
        sw2.Restart();
        var removedFull = CoverageAnalyzer.Run(CoverageProblem.Create(assetList.Where(a => a.HubId != lostHub).ToArray(), border, coastalZone, coast));
        double removeFullMs = sw2.Elapsed.TotalMilliseconds;
        double removeDiff = MaxDiffKm2(removedFast.Report, removedFull);

        var newSite = RandomSites(border, 1, rng)[0];
        var addedAssets = MakeAssets(3, [newSite], rng, "new");
        sw2.Restart();
        var addedFast = analysis.WithAssets(addedAssets);
        double addFastMs = sw2.Elapsed.TotalMilliseconds;
        sw2.Restart();
        var addedFull = CoverageAnalyzer.Run(CoverageProblem.Create(assetList.Concat(addedAssets).ToArray(), border, coastalZone, coast));
        double addFullMs = sw2.Elapsed.TotalMilliseconds;
        double addDiff = MaxDiffKm2(addedFast.Report, addedFull);

        double baselineMs = double.NaN, baselineDiff = double.NaN;
        int lossMeasured = 0;
        if (baseline)
        {
            var sw3 = Stopwatch.StartNew();
            var naive = CoverageNaiveBaseline.Run(problem, options, lossSample, out lossMeasured);
            baselineMs = sw3.Elapsed.TotalMilliseconds;
            int allHubs = report.HubIds.Count;
            if (lossMeasured < allHubs && lossMeasured > 0)
            {
                // Per-hub loss dominates the baseline and is linear in the hub count: scale the measured part.
                var sw4 = Stopwatch.StartNew();
                CoverageNaiveBaseline.Run(problem, options, 0, out _);
                double withoutLoss = sw4.Elapsed.TotalMilliseconds;
                baselineMs = withoutLoss + (baselineMs - withoutLoss) * allHubs / lossMeasured;
            }

            baselineDiff = MaxDiffKm2(report, naive);
        }

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
            ["full_cpu_ms"] = Math.Round(Median(cpuTimes), 1),
            ["baseline_ms"] = Math.Round(baselineMs, 1),
            ["baseline_estimated"] = lossMeasured < report.HubIds.Count,
            ["speedup"] = Math.Round(baselineMs / fullMs, 2),
            ["baseline_max_diff_km2"] = Math.Round(baselineDiff, 3),
            ["remove_fast_ms"] = Math.Round(removeFastMs, 1),
            ["remove_full_ms"] = Math.Round(removeFullMs, 1),
            ["remove_speedup"] = Math.Round(removeFullMs / removeFastMs, 2),
            ["remove_max_diff_km2"] = Math.Round(removeDiff, 3),
            ["add_fast_ms"] = Math.Round(addFastMs, 1),
            ["add_full_ms"] = Math.Round(addFullMs, 1),
            ["add_speedup"] = Math.Round(addFullMs / addFastMs, 2),
            ["add_max_diff_km2"] = Math.Round(addDiff, 3),
            ["air_pct"] = report.Bands.Select(b => Math.Round(b.Airspace.CoveredPercent, 2)).ToArray(),
            ["air_k3_pct"] = report.Bands.Select(b => Math.Round(b.Airspace.AtLeastK[^1].Percent, 2)).ToArray(),
            ["coastal_pct"] = report.Bands.Select(b => Math.Round(b.Coastal.CoveredPercent, 2)).ToArray(),
            ["coastline_pct"] = report.Bands.Select(b => Math.Round(b.Coastal.Coastline?.Percent ?? 0, 2)).ToArray(),
            ["gaps_band0"] = band0.Airspace.Gaps.Count,
        };

        Console.WriteLine(string.Join('\t', row.Keys));
        Console.WriteLine(string.Join('\t', row.Values.Select(Format)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# full report {fullMs:0.0} ms (median of {times.Count}) vs naive {baselineMs:0} ms{(lossMeasured < report.HubIds.Count ? " (estimated from " + lossMeasured + " hubs)" : "")}: ×{baselineMs / fullMs:0.0}; " +
            $"remove hub {removeFastMs:0.0} vs {removeFullMs:0.0} ms; add hub {addFastMs:0.0} vs {addFullMs:0.0} ms"));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["suite"] = Name, ["rows"] = new[] { row } }));
        }

        return 0;
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

    private static Geometry ReadGeometry(string path)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(GeoFactory.Wgs84));
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

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HubPlanner.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static double Median(List<double> xs)
    {
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
