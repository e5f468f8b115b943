using System.Text.Json;
using System.Xml.Linq;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using HubPlanner.Data.PlanExport;
using HubPlanner.Data.Tests.Support;
using HubPlanner.Tests.Shared;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.Tests.PlanExport;

/// <summary>
/// The plan GeoPackage opens in QGIS typed, indexed and styled: checked with GDAL's own tools (ogrinfo,
/// validate_gpkg; required under CI=true) and by reading the file's tables directly.
/// </summary>
public class PlanGeoPackageTests
{
    private const string Validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";

    // A plan with one feature or more in every layer: two hubs, a route, an assignment, a coverage band made of
    // a single Polygon (written as MULTIPOLYGON), a gap, a zone, a control area, a threat ring, two candidate sites
    // and an entry point.
    private static (PlanningProblem Problem, PlanResult Result) Plan()
    {
        var gf = GeoFactory.Wgs84;
        var problem = PlanningProblem.Create(
            [
                new Site("a", "Alpha", SiteKind.Depot, 30.1, 48.9, 1000, 100, 10, SiteStatus.Forced),
                new Site("b", "Bravo", SiteKind.Rail, 31.1, 49.4, 2000, 100, 10, SiteStatus.Candidate),
            ],
            [new EntryPoint("e", "Echo", EntryKind.Port, "UA", 30.7, 46.4)], [], [], [],
            [new Zone("z", "Zulu", ZoneKind.Exclusion, gf.ToGeometry(new Envelope(29.5, 29.8, 47, 47.3)), 1)],
            [], [], [], [], [],
            gf.ToGeometry(new Envelope(29, 32, 45, 50)), gf.CreateMultiLineString(), new PlanParameters());
        // An occupied area in the east of the square border and one threat class, so the control and threat-ring
        // layers have a feature each.
        problem = problem with
        {
            Data = problem.Data with
            {
                Control = [new ControlArea("occ", "Occupied", ControlStatus.Occupied, "2025-11-15", "test", true, gf.ToGeometry(new Envelope(31.8, 33, 46, 48)))],
                Threats = [new ThreatClass("art", "Artillery", 40, ThreatEffect.Eligibility, [], "test")],
            },
        };
        var route = gf.CreateLineString([new(30.7, 46.4), new(30.1, 48.9), new(31.1, 49.4)]);
        var result = new PlanResult
        {
            Scenario = "base",
            Seed = 1,
            Model = "pmedian",
            Stages = [],
            Hubs =
            [
                new PlanHub("a", "Alpha", "depot", 30.1, 48.9, "forced", 2, 10, 1000, [new HubEquipment("sam", "SAM", 2, 12.5)]),
                new PlanHub("b", "Bravo", "rail", 31.1, 49.4, "chosen", 1, 5, 2000, []),
            ],
            Ineligible = [],
            Assignments = [new PlanAssignment("d", "Delta", "a", 12.5, 20, gf.CreateLineString([new(30.2, 48.8), new(30.1, 48.9)]))],
            Routes = [new PlanRoute("v1", "heavy", "e", [new RouteStop("a", "Alpha", "delivery", "o1", 10, 240)], 300, 6, 900, route)],
            Unserved = [],
            Coverage = [new BandCoverage(100, 10, 5, 1, 0.5, [5, 1, 0], 2, 1, gf.ToGeometry(new Envelope(30, 31, 48, 49)))],
            Gaps = [new CoverageGap(1, 100, 50, 31.5, 47.5, "a", 80, gf.ToGeometry(new Envelope(31.4, 31.6, 47.4, 47.6)))],
            Losses = [],
        };
        return (problem, result);
    }

    private static string WritePlan(TempDir dir)
    {
        var (problem, result) = Plan();
        var path = dir.File("plan.gpkg");
        PlanGeoPackage.Write(path, problem, result);
        return path;
    }

    [Fact]
    public void Ogrinfo_ShowsATypedGeometryColumnForEveryLayer()
    {
        var ogrinfo = ExternalTool.Find("ogrinfo");
        if (ogrinfo is null)
        {
            Assert.False(ExternalTool.IsCi(), "ogrinfo (Debian gdal-bin) is required under CI=true; install gdal-bin.");
            return;
        }

        using var dir = new TempDir();
        var (exit, output) = ExternalTool.Run(ogrinfo, "-so", WritePlan(dir));

        Assert.True(exit == 0, output);
        foreach (var (layer, type) in new[]
                 {
                     ("plan_hubs", "Point"), ("plan_candidate_sites", "Point"), ("plan_entry_points", "Point"),
                     ("plan_routes", "Line String"), ("plan_assignments", "Line String"),
                     ("plan_coverage", "Multi Polygon"), ("plan_gaps", "Multi Polygon"), ("plan_zones", "Multi Polygon"),
                 })
        {
            Assert.Contains($"{layer} ({type})", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Unknown", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void GdalStrictValidator_AcceptsThePlanGeoPackage()
    {
        bool available = File.Exists(Validator) && File.Exists("/usr/bin/python3");
        Assert.True(available || !ExternalTool.IsCi(), $"GDAL's validator ({Validator}, Debian python3-gdal) is required under CI=true.");
        Skip.IfNot(available, $"GDAL's validator {Validator} (Debian python3-gdal) is not installed; the strict check did not run.");

        using var dir = new TempDir();
        var (exit, output) = ExternalTool.Run("/usr/bin/python3", Validator, "--extra", WritePlan(dir));

        Assert.True(exit == 0 && !output.Contains("Error", StringComparison.OrdinalIgnoreCase), output);
    }

    [Fact]
    public void EveryLayerHasAnRtreeHoldingEachFeature_AndADefaultQgisStyle()
    {
        using var dir = new TempDir();
        var path = WritePlan(dir);
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        foreach (var layer in PlanGeoJson.Layers)
        {
            string table = $"plan_{layer}";
            long features = Scalar(c, $"SELECT COUNT(*) FROM \"{table}\"");
            long indexed = Scalar(c, $"SELECT COUNT(*) FROM \"rtree_{table}_geom\"");
            Assert.True(features > 0, $"{table} is empty in the fixture");
            Assert.Equal((table, features), (table, indexed));
            Assert.Equal(1, Scalar(c, $"SELECT COUNT(*) FROM gpkg_extensions WHERE table_name = '{table}' AND extension_name = 'gpkg_rtree_index'"));
            Assert.Equal(6, Scalar(c, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '{table}' AND name LIKE 'rtree_{table}_geom_%'"));

            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT styleQML, useAsDefault, f_geometry_column FROM layer_styles WHERE f_table_name = $t";
            cmd.Parameters.AddWithValue("$t", table);
            using var r = cmd.ExecuteReader();
            Assert.True(r.Read(), $"no layer_styles row for {table}");
            var qml = XDocument.Parse(r.GetString(0));
            Assert.Equal("singleSymbol", qml.Root!.Element("renderer-v2")!.Attribute("type")!.Value);
            Assert.Equal(1, r.GetInt64(1));
            Assert.Equal("geom", r.GetString(2));
        }

        // The R-tree box of the coverage band is its envelope (30–31 E, 48–49 N).
        using var box = c.CreateCommand();
        box.CommandText = "SELECT minx, maxx, miny, maxy FROM rtree_plan_coverage_geom";
        using var b = box.ExecuteReader();
        Assert.True(b.Read());
        Assert.Equal([30, 31, 48, 49], new[] { b.GetDouble(0), b.GetDouble(1), b.GetDouble(2), b.GetDouble(3) }.Select(v => Math.Round(v, 3)));
    }

    [Fact]
    public void AttributeTypes_MatchTheJsonTypesOfTheGeoJsonExport()
    {
        using var dir = new TempDir();
        var path = WritePlan(dir);
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        var (problem, result) = Plan();
        using var json = JsonDocument.Parse(PlanGeoJson.Serialize(PlanGeoJson.Build(problem, result)));
        foreach (var feature in json.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            string table = "plan_" + props.GetProperty("layer").GetString();
            var declared = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var info = c.CreateCommand())
            {
                info.CommandText = $"SELECT name, type FROM pragma_table_info('{table}')";
                using var r = info.ExecuteReader();
                while (r.Read())
                {
                    declared[r.GetString(0)] = r.GetString(1);
                }
            }

            foreach (var p in props.EnumerateObject().Where(p => p.Name != "layer" && p.Value.ValueKind != JsonValueKind.Null))
            {
                var expected = p.Value.ValueKind switch
                {
                    JsonValueKind.True or JsonValueKind.False => new[] { "BOOLEAN" },
                    JsonValueKind.Number => ["INTEGER", "REAL"],
                    _ => ["TEXT"],
                };
                Assert.Contains(declared[p.Name], expected);
            }
        }
    }

    [Fact]
    public void GeoJsonExport_WritesOneFilePerLayerNextToTheCombinedFile()
    {
        using var dir = new TempDir();
        var (problem, result) = Plan();
        var combined = dir.File("plan.geojson");
        PlanGeoJson.Write(combined, problem, result);

        using var all = JsonDocument.Parse(File.ReadAllText(combined));
        int total = 0;
        foreach (var layer in PlanGeoJson.Layers)
        {
            var file = dir.File($"plan.{layer}.geojson");
            Assert.Equal(file, PlanGeoJson.LayerPath(combined, layer));
            using var one = JsonDocument.Parse(File.ReadAllText(file));
            var features = one.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.All(features, f => Assert.Equal(layer, f.GetProperty("properties").GetProperty("layer").GetString()));
            Assert.Equal(all.RootElement.GetProperty("features").EnumerateArray().Count(f => f.GetProperty("properties").GetProperty("layer").GetString() == layer), features.Count);
            total += features.Count;
        }

        Assert.Equal(all.RootElement.GetProperty("features").GetArrayLength(), total);
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
