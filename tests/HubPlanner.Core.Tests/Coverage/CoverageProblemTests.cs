using HubPlanner.Core.Coverage;
using static HubPlanner.Core.Tests.Coverage.CoverageFixture;

namespace HubPlanner.Core.Tests.Coverage;

public class CoverageProblemTests
{
    [Fact]
    public void Create_RejectsDuplicateAssetIds_NamingTheId()
    {
        var a = Air("x", "h", At(0, 0), 10);
        var ex = Assert.Throws<ArgumentException>(() => CoverageProblem.Create([a, a with { HubId = "h2" }], Square(100)));
        Assert.Contains("'x' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsANegativeRadius()
    {
        var ex = Assert.Throws<ArgumentException>(() => CoverageProblem.Create([Air("x", "h", At(0, 0), -5)], Square(100)));
        Assert.Contains("radii must lie in [0, 2000] km", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsBandsThatAreNotAscending()
    {
        var ex = Assert.Throws<ArgumentException>(() => CoverageProblem.Create([], Square(100), bandsM: [1000, 100]));
        Assert.Contains("strictly ascending", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsAnAirspaceInMetres()
    {
        var metric = HubPlanner.Core.Geo.UkraineEqualArea.Instance.Project(Square(100));
        var ex = Assert.Throws<ArgumentException>(() => CoverageProblem.Create([], metric));
        Assert.Contains("not in lon/lat", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DefaultsToThreeBandsAndAnEmptyCoast()
    {
        var p = CoverageProblem.Create([], Square(100));
        Assert.Equal([100.0, 1_000, 10_000], p.BandsM);
        Assert.True(p.CoastalZone.IsEmpty);
        Assert.True(p.Coastline.IsEmpty);
    }

    [Fact]
    public void NoAssets_CoverNothing_AndEveryThingIsOneGap()
    {
        var report = CoverageAnalyzer.Run(CoverageProblem.Create([], Square(100)));
        var air = report.Bands[0].Airspace;
        Assert.Equal(0, air.CoveredAreaKm2);
        var gap = Assert.Single(air.Gaps);
        Assert.Null(gap.NearestHubId);
        Assert.Contains("there is no hub", gap.Explanation, StringComparison.Ordinal);
        Assert.Equal(0, report.Bands[0].Coastal.RegionAreaKm2);
    }
}
