using System.Text.Json;
using System.Text.Json.Nodes;
using HubPlanner.Data.Tests.PlanExport;
using HubPlanner.Tests.Shared;

namespace HubPlanner.Cli.Tests.Commands;

/// <summary>
/// The main job end to end on the 7-town planning fixture (<c>tests/fixtures/mini</c>, see its README): every
/// run is <c>--deterministic</c> so that searches stop on solution limits, not wall time.
/// </summary>
public sealed class PlanCommandTests : IDisposable
{
    private static readonly string PlanMini = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini");
    private static readonly string GoldenFile = Path.Combine(AppContext.BaseDirectory, "Golden", "plan-mini-seed1.geojson");
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private (int Exit, string Out, string Err) Plan(params string[] extra) =>
        _cli.Run(["plan", "--data", PlanMini, "--deterministic", "--hubs", "3", "--seed", "1", .. extra]);

    [Fact]
    public void Plan_OnAFreshClone_CreatesTheDatabase_ExitsZero_AndWritesAnRfc7946FeatureCollection()
    {
        Assert.False(File.Exists(_cli.DbPath));

        var (exit, stdout, stderr) = Plan("--out", "o");

        Assert.True(exit == 0, stderr + stdout);
        Assert.True(File.Exists(_cli.DbPath));
        Assert.Contains("Hubs (3)", stdout, StringComparison.Ordinal);
        Assert.Contains("Coverage per target altitude", stdout, StringComparison.Ordinal);
        string geojson = File.ReadAllText(Path.Combine(_cli.Root, "o", "plan.geojson"));
        Assert.Empty(Rfc7946.Violations(geojson));
        var layers = JsonNode.Parse(geojson)!["features"]!.AsArray().Select(f => (string)f!["properties"]!["layer"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "hubs", "candidate_sites", "entry_points", "assignments", "routes", "coverage", "zones" }, layers);
    }

    [Fact]
    public void PlanGeoJson_IsReadByGdal()
    {
        string? ogrinfo = ExternalTool.Find("ogrinfo");
        if (ogrinfo is null)
        {
            Assert.False(ExternalTool.IsCi(), "ogrinfo (gdal-bin) is required under CI=true");
            return;
        }

        Assert.Equal(0, Plan("--out", "o").Exit);
        var (exit, output) = ExternalTool.Run(ogrinfo, "-so", "-al", Path.Combine(_cli.Root, "o", "plan.geojson"));
        Assert.True(exit == 0, output);
        Assert.Contains("Geometry: Unknown (any)", output, StringComparison.Ordinal);
        Assert.Matches(@"Feature Count: \d+", output);
    }

    [Fact]
    public void Plan_WithAFixedSeed_GivesTheGoldenGeoJson()
    {
        Assert.Equal(0, Plan("--out", "o").Exit);
        string actual = Normalise(File.ReadAllText(Path.Combine(_cli.Root, "o", "plan.geojson")));
        if (Environment.GetEnvironmentVariable("HUBPLANNER_UPDATE_GOLDEN") == "1")
        {
            string source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Golden", "plan-mini-seed1.geojson"));
            File.WriteAllText(source, actual);
        }

        Assert.Equal(File.ReadAllText(GoldenFile).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Plan_AsJson_PrintsOneDocumentWithStagesHubsRoutesAndCoverage()
    {
        var (exit, stdout, _) = Plan("--out", "o", "--json");
        Assert.Equal(0, exit);
        var doc = CliHarness.Json(stdout).GetProperty("report");
        Assert.Equal(3, doc.GetProperty("hubs").GetArrayLength());
        Assert.Equal(["roads", "placement", "allocation", "routing", "coverage"],
            doc.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal("optimal", doc.GetProperty("stages")[1].GetProperty("status").GetString());
        Assert.Equal(3, doc.GetProperty("coverage").GetArrayLength());
    }

    [Fact]
    public void WhatIf_RemovingAHub_LosesWhatItsPerHubLossPredicted()
    {
        var (exit, stdout, _) = Plan("--out", "o", "--json");
        Assert.Equal(0, exit);
        var basePlan = CliHarness.Json(stdout).GetProperty("report");
        // The hub whose loss costs the most airspace at the highest band is the one worth asking about.
        var top = basePlan.GetProperty("losses").EnumerateArray().MaxBy(l => (l.GetProperty("target_altitude_m").GetDouble(), l.GetProperty("airspace_lost_km2").GetDouble()));
        string lost = top.GetProperty("site_id").GetString()!;
        var predicted = basePlan.GetProperty("losses").EnumerateArray().Where(l => l.GetProperty("site_id").GetString() == lost)
            .ToDictionary(l => l.GetProperty("target_altitude_m").GetDouble(), l => l.GetProperty("airspace_lost_km2").GetDouble());

        Assert.Equal(0, _cli.Run("scenario", "create", "lose-hub", "--from", "base").Exit);
        Assert.Equal(0, _cli.Run("scenario", "edit", "lose-hub", "--remove-site", lost, "--param", "freeze=true").Exit);
        var (replanExit, replanOut, replanErr) = _cli.Run("plan", "--scenario", "lose-hub", "--deterministic", "--out", "o2", "--json");
        Assert.True(replanExit == 0, replanErr);
        var (cmpExit, cmpOut, _) = _cli.Run("compare", "base", "lose-hub", "--json");
        Assert.Equal(0, cmpExit);

        var comparison = CliHarness.Json(cmpOut).GetProperty("comparison");
        Assert.Equal([lost], comparison.GetProperty("hubs_removed").EnumerateArray().Select(h => h.GetString()));
        Assert.Empty(comparison.GetProperty("hubs_added").EnumerateArray());
        Assert.DoesNotContain(CliHarness.Json(replanOut).GetProperty("report").GetProperty("hubs").EnumerateArray(), h => h.GetProperty("site_id").GetString() == lost);
        foreach (var band in comparison.GetProperty("coverage").EnumerateArray())
        {
            double alt = band.GetProperty("target_altitude_m").GetDouble();
            double change = -band.GetProperty("airspace_km2_change").GetDouble();
            Assert.True(Math.Abs(change - predicted[alt]) <= 0.01 * Math.Max(predicted[alt], 1),
                $"at {alt} m the coverage fell by {change:0} km² but the per-hub loss predicted {predicted[alt]:0} km²");
        }

        Assert.True(predicted.Values.Max() > 0, "the test needs a hub whose loss matters");
    }

    [Fact]
    public void ScenarioEdit_WithAnUnknownSite_IsRefused_AndTheScenarioKeepsItsEdits()
    {
        Assert.Equal(0, _cli.Run("init", "--data", PlanMini).Exit);
        Assert.Equal(0, _cli.Run("scenario", "create", "w", "--from", "base").Exit);
        Assert.Equal(0, _cli.Run("scenario", "edit", "w", "--forbid", "uman-depot").Exit);
        var before = CliHarness.CountAllTables(_cli.DbPath);

        var (exit, _, stderr) = _cli.Run("scenario", "edit", "w", "--param", "hubs=2", "--remove-site", "atlantis");

        Assert.Equal(2, exit);
        Assert.Contains("unknown site 'atlantis'", stderr, StringComparison.Ordinal);
        Assert.Equal(before, CliHarness.CountAllTables(_cli.DbPath));
    }

    [Theory]
    [InlineData("--move-site", "vin-rail 35.0 49.0", "outside Ukraine's border")]
    [InlineData("--set-inventory", "tank=3@west-gate", "unknown equipment type 'tank'")]
    [InlineData("--set-inventory", "sam-short=3@nowhere", "unknown entry point or site 'nowhere'")]
    public void ScenarioEdit_RefusesInvalidEdits_WithAClearMessage(string option, string value, string message)
    {
        Assert.Equal(0, _cli.Run("init", "--data", PlanMini).Exit);
        Assert.Equal(0, _cli.Run("scenario", "create", "w", "--from", "base").Exit);
        var before = CliHarness.CountAllTables(_cli.DbPath);

        var (exit, _, stderr) = _cli.Run(["scenario", "edit", "w", option, .. value.Split(' ')]);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Equal(before, CliHarness.CountAllTables(_cli.DbPath));
    }

    [Fact]
    public void Plan_WithForcedSitesCloserThanTheSpacing_ExitsThree_NamingBothSites()
    {
        Assert.Equal(0, _cli.Run("init", "--data", PlanMini).Exit);
        Assert.Equal(0, _cli.Run("scenario", "create", "tight", "--from", "base").Exit);
        // Vinnytsia rail yard and Zhytomyr depot are ~114 km apart (geodesic); ask for 200 km spacing.
        Assert.Equal(0, _cli.Run("scenario", "edit", "tight", "--force", "vin-rail", "--force", "zhy-depot", "--param", "min_spacing_km=200").Exit);

        var (exit, _, stderr) = _cli.Run("plan", "--scenario", "tight", "--deterministic", "--out", "o");

        Assert.Equal(3, exit);
        Assert.Contains("infeasible", stderr, StringComparison.Ordinal);
        Assert.Contains("200", stderr, StringComparison.Ordinal);
        Assert.Matches("(vin-rail|Vinnytsia).*(zhy-depot|Zhytomyr)|(zhy-depot|Zhytomyr).*(vin-rail|Vinnytsia)", stderr);
    }

    [Fact]
    public void ExportGpkg_WritesAGeoPackageThatGdalLists()
    {
        Assert.Equal(0, Plan("--out", "o").Exit);
        var (exit, _, stderr) = _cli.Run("export", "gpkg", "--scenario", "base", "--out", "x/base.gpkg");
        Assert.True(exit == 0, stderr);
        string path = Path.Combine(_cli.Root, "x", "base.gpkg");
        Assert.True(File.Exists(path));
        string? ogrinfo = ExternalTool.Find("ogrinfo");
        if (ogrinfo is null)
        {
            Assert.False(ExternalTool.IsCi(), "ogrinfo (gdal-bin) is required under CI=true");
            return;
        }

        var (ogrExit, list) = ExternalTool.Run(ogrinfo, "-so", path);
        Assert.True(ogrExit == 0, list);
        Assert.Contains("plan_hubs", list, StringComparison.Ordinal);
        Assert.Contains("plan_routes", list, StringComparison.Ordinal);
        Assert.Contains("plan_coverage", list, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportGeojson_OfAPlannedScenario_EqualsThePlanOutput()
    {
        Assert.Equal(0, Plan("--out", "o").Exit);
        Assert.Equal(0, _cli.Run("export", "geojson", "--scenario", "base", "--out", "x/base.geojson").Exit);
        Assert.Equal(File.ReadAllText(Path.Combine(_cli.Root, "o", "plan.geojson")), File.ReadAllText(Path.Combine(_cli.Root, "x", "base.geojson")));
    }

    /// <summary>Sorted features, indented, numbers rounded to 3 decimals in properties: stable across runs of the same plan.</summary>
    private static string Normalise(string geojson)
    {
        var root = JsonNode.Parse(geojson)!.AsObject();
        var features = root["features"]!.AsArray().Select(f => f!.DeepClone()).ToList();
        foreach (var f in features)
        {
            var props = f!["properties"]!.AsObject();
            foreach (var key in props.Select(p => p.Key).ToList())
            {
                if (props[key] is JsonValue v && v.TryGetValue(out double d))
                {
                    props[key] = Math.Round(d, 3);
                }
            }
        }

        var sorted = features.OrderBy(f => f!.ToJsonString(), StringComparer.Ordinal).ToList();
        var result = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(sorted.ToArray()) };
        return result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }
}
