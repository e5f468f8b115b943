using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using HubPlanner.Data.PlanExport;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.Tests.PlanExport;

public class PlanGeoJsonTests
{
    private static PlanResult ResultWith(Geometry covered) => new()
    {
        Scenario = "base",
        Seed = 1,
        Model = "pmedian",
        Stages = [],
        Hubs = [new PlanHub("a", "Alpha", "depot", 30.1234567891, 48.9876543219, "forced", 1, 10, 1000, [])],
        Ineligible = [],
        Assignments = [],
        Routes = [],
        Unserved = [],
        Coverage = [new BandCoverage(100, 10, 5, 1, 0.5, [5, 1, 0], 2, 1, covered)],
        Gaps = [],
        Losses = [],
    };

    private static PlanningProblem Problem() => PlanningProblem.Create(
        [new Site("a", "Alpha", SiteKind.Depot, 30.1234567891, 48.9876543219, 1000, 100, 10, SiteStatus.Forced)],
        [new EntryPoint("e", "Echo", EntryKind.Port, "UA", 30.7, 46.4)], [], [], [], [], [], [], [], [], [],
        GeoFactory.Wgs84.ToGeometry(new Envelope(29, 32, 45, 50)), GeoFactory.Wgs84.CreateMultiLineString(), new PlanParameters());

    [Fact]
    public void ClockwisePolygonIsWrittenCounterClockwise_WithSixDecimals_AndNoCrs()
    {
        // Exterior ring listed clockwise and the hole counter-clockwise, both the wrong way round for RFC 7946.
        var shell = GeoFactory.Wgs84.CreateLinearRing([new(30, 48), new(30, 49.0000001234), new(31, 49), new(31, 48), new(30, 48)]);
        var hole = GeoFactory.Wgs84.CreateLinearRing([new(30.2, 48.2), new(30.4, 48.2), new(30.4, 48.4), new(30.2, 48.4), new(30.2, 48.2)]);
        var poly = GeoFactory.Wgs84.CreatePolygon(shell, [hole]);
        Assert.False(shell.IsCCW);

        var json = PlanGeoJson.Serialize(PlanGeoJson.Build(Problem(), ResultWith(poly)));

        Assert.Empty(Rfc7946.Violations(json));
        Assert.Contains("\"layer\":\"coverage\"", json, StringComparison.Ordinal);
        Assert.Contains("30.123457", json, StringComparison.Ordinal);
        Assert.DoesNotContain("30.1234567", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Checker_FlagsAClockwiseExteriorRing()
    {
        const string bad = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"layer":"x"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}}]}""";
        Assert.Contains(Rfc7946.Violations(bad), m => m.Contains("clockwise", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryFeatureCarriesALayerFromTheDocumentedList()
    {
        var poly = GeoFactory.Wgs84.ToGeometry(new Envelope(30, 31, 48, 49));
        var fc = PlanGeoJson.Build(Problem(), ResultWith(poly));
        Assert.All(fc, f => Assert.Contains((string)f.Attributes["layer"], PlanGeoJson.Layers));
        Assert.Equal(["coverage", "candidate_sites", "entry_points", "hubs"], fc.Select(f => (string)f.Attributes["layer"]).Distinct());
    }
}
