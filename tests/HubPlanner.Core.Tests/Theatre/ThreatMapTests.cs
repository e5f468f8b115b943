using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using HubPlanner.Core.Theatre;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Tests.Theatre;

public class ThreatMapTests
{
    // A 2°×2° square "country" (30–32 °E, 48–50 °N) whose easternmost strip east of 31.8 °E is occupied.
    // At 49 °N one degree of longitude is ~73.0 km, so a site at 31.5 °E lies ~21.9 km from the strip,
    // one at 30.9 °E ~65.7 km and one at 30.5 °E ~94.9 km.
    private static readonly Geometry Country = GeoFactory.Wgs84.ToGeometry(new Envelope(30, 32, 48, 50));

    private static ControlArea Occupied(bool active = true) => new("occ", "Occupied strip", ControlStatus.Occupied, "2025-11-15", "test",
        active, GeoFactory.Wgs84.ToGeometry(new Envelope(31.8, 32, 48, 50)));

    private static readonly ThreatClass Artillery = new("artillery", "artillery", 40, ThreatEffect.Eligibility, [], "test");
    private static readonly ThreatClass GlideBombsDepots = new("glide", "glide bombs", 80, ThreatEffect.Eligibility, [SiteKind.Depot], "test");
    private static readonly ThreatClass Missiles = new("srbm", "missiles", 500, ThreatEffect.Exposure, [], "test");
    private static readonly ThreatClass[] Threats = [Artillery, GlideBombsDepots, Missiles];

    private static Site Site(string id, SiteKind kind, double lon) => new(id, id, kind, lon, 49, 1000, 100, 10, SiteStatus.Candidate);

    [Fact]
    public void Assess_GivesTheDistanceToHostileTerritory_AndEveryRingTheSiteIsInside()
    {
        var threat = ThreatMap.Create([Occupied()], Threats).Assess("b", 31.5, 49);

        Assert.InRange(threat.HostileDistanceKm!.Value, 21.4, 22.4);
        Assert.Equal("Occupied strip", threat.NearestHostile);
        Assert.Equal(["artillery", "glide", "srbm"], threat.Rings);
    }

    [Fact]
    public void Ineligible_RemovesASiteInsideAnEligibilityRingOfItsKind_NamingTheRingAndTheDistance()
    {
        var map = ThreatMap.Create([Occupied()], Threats);

        var reasons = map.Ineligible([Site("rail-near", SiteKind.Rail, 31.5), Site("rail-mid", SiteKind.Rail, 30.9), Site("depot-mid", SiteKind.Depot, 30.9)]);

        Assert.Equal(["rail-near", "depot-mid"], reasons.Select(r => r.SiteId));
        Assert.Contains("inside the artillery ring (40 km)", reasons[0].Reason, StringComparison.Ordinal);
        Assert.Contains("21.", reasons[0].Reason, StringComparison.Ordinal);
        Assert.Contains("inside the glide bombs ring (80 km); depot sites must stay outside it", reasons[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ineligible_IgnoresExposureClasses_AndInactiveAreas()
    {
        Assert.Empty(ThreatMap.Create([Occupied()], [Missiles]).Ineligible([Site("x", SiteKind.Rail, 30.5)]));
        var inactive = ThreatMap.Create([Occupied(active: false)], Threats);
        Assert.False(inactive.HasHostileTerritory);
        Assert.Empty(inactive.Ineligible([Site("x", SiteKind.Rail, 31.9)]));
    }

    [Fact]
    public void ShiftControl_By30Km_MakesTheSitesItNowThreatensIneligible_WithReasons()
    {
        var problem = Tiny([Site("far", SiteKind.Rail, 30.5), Site("mid", SiteKind.Rail, 30.9)]);
        var before = ThreatMap.Create(problem.Data.Control, problem.Data.Threats);
        Assert.Empty(before.Ineligible(problem.Sites));

        var shifted = new ShiftControlEdit(30).Apply(problem);
        var after = ThreatMap.Create(shifted.Data.Control, shifted.Data.Threats);
        var reasons = after.Ineligible(shifted.Sites);

        var mid = Assert.Single(reasons);
        Assert.Equal("mid", mid.SiteId);
        Assert.Contains("inside the artillery ring (40 km)", mid.Reason, StringComparison.Ordinal);
        Assert.InRange(after.Nearest(30.9, 49)!.Value.Km, 35, 37); // 65.7 − 30 km
    }

    [Fact]
    public void ShiftControl_StaysInsideTheBorder()
    {
        var shifted = new ShiftControlEdit(50).Apply(Tiny([]));

        var area = Assert.Single(shifted.Data.Control);
        // The clip runs in the projected plane, where the square's 2° edges are straight between its vertices: the
        // result may stray from the lon/lat edges by the chord error (< 0.01°), never beyond.
        Assert.True(Country.Buffer(0.01).Covers(area.Geometry));
        Assert.False(area.Geometry.Covers(GeoFactory.Point(32.05, 49)));
        Assert.True(area.Geometry.Covers(GeoFactory.Point(31.3, 49))); // ~36 km west of the old edge
    }

    [Fact]
    public void ShiftControl_WithoutAnOccupiedArea_IsRefusedWithASentence()
    {
        var problem = Tiny([]) is var p ? p with { Data = p.Data with { Control = [] } } : null!;

        var ex = Assert.Throws<PlanningInputException>(() => new ShiftControlEdit(30).Apply(problem));

        Assert.Contains("no active occupied area", ex.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void SetControl_ReplacesTheMap_AndRejectsBadGeometryAndDates()
    {
        var edit = new SetControlEdit([new ControlAreaSpec("west", "West", ControlStatus.Occupied, "2026-01-01", "assumption", true,
            "POLYGON ((30 48, 30.2 48, 30.2 50, 30 50, 30 48))")]);
        var area = Assert.Single(edit.Apply(Tiny([])).Data.Control);
        Assert.Equal("west", area.Id);

        var bad = new SetControlEdit([
            new ControlAreaSpec("a", "A", ControlStatus.Occupied, "soon", "x", true, "POLYGON ((30 48, 30.2 48, 30.2 50, 30 50, 30 48))"),
            new ControlAreaSpec("b", "B", ControlStatus.Occupied, "2026-01-01", "x", true, "POLYGON ((30 48, 31 49, 30 49, 31 48, 30 48))"),
        ]);
        var ex = Assert.Throws<PlanningInputException>(() => bad.Apply(Tiny([])));
        Assert.Contains(ex.Problems, p => p.Contains("'a': as_of is 'soon'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("'b': expected a valid, non-empty polygon", StringComparison.Ordinal));
    }

    private static PlanningProblem Tiny(Site[] sites)
    {
        var problem = PlanningProblem.Create(sites, [], [], [], [], [], [], [], [], [], [], Country, GeoFactory.Wgs84.CreateMultiLineString(),
            new PlanParameters());
        return problem with { Data = problem.Data with { Control = [Occupied()], Threats = Threats } };
    }
}
