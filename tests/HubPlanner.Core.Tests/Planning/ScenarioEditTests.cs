using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Planning;

public class ScenarioEditTests
{
    private static PlanningProblem Tiny() => HubPlanner.Tests.Shared.TwoSiteSquare.Create();

    [Fact]
    public void RemoveSite_DropsTheSite()
    {
        var p = new RemoveSiteEdit("a").Apply(Tiny());
        Assert.Equal(["b"], p.Sites.Select(s => s.Id));
    }

    [Fact]
    public void RemoveSite_RefusesAnUnknownSite_AndLeavesTheProblemUnchanged()
    {
        var before = Tiny();
        var ex = Assert.Throws<PlanningInputException>(() => new RemoveSiteEdit("zulu").Apply(before));
        Assert.Contains("unknown site 'zulu'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, before.Sites.Count);
    }

    [Fact]
    public void MoveSite_RefusesAPositionOutsideTheBorder()
    {
        var ex = Assert.Throws<PlanningInputException>(() => new MoveSiteEdit("a", 35.0, 49.0).Apply(Tiny()));
        Assert.Contains("outside Ukraine", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoveSite_InsideTheBorder_MovesOnlyThatSite()
    {
        var p = new MoveSiteEdit("a", 31.0, 49.0).Apply(Tiny());
        Assert.Equal((31.0, 49.0), (p.FindSite("a")!.Lon, p.FindSite("a")!.Lat));
        Assert.Equal((31.5, 49.5), (p.FindSite("b")!.Lon, p.FindSite("b")!.Lat));
    }

    [Fact]
    public void SetInventory_RefusesAnUnknownEquipmentType()
    {
        var ex = Assert.Throws<PlanningInputException>(() => new SetInventoryEdit("tank", 3, "e").Apply(Tiny()));
        Assert.Contains("unknown equipment type 'tank'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetInventory_ReplacesTheQuantityAtThatHolder()
    {
        var p = new SetInventoryEdit("sam", 9, "e").Apply(Tiny());
        Assert.Equal(9, Assert.Single(p.Inventory).Quantity);
    }

    [Fact]
    public void ForceAndForbid_ChangeTheStatus()
    {
        var p = new SetSiteStatusEdit("a", SiteStatus.Forced).Apply(Tiny());
        p = new SetSiteStatusEdit("b", SiteStatus.Forbidden).Apply(p);
        Assert.Equal(SiteStatus.Forced, p.FindSite("a")!.Status);
        Assert.Equal(["a"], p.EligibleSites.Select(s => s.Id));
    }

    [Fact]
    public void SetParameter_RefusesAnUnknownKey_NamingTheKnownOnes()
    {
        var ex = Assert.Throws<PlanningInputException>(() => new SetParameterEdit("hub_count", "3").Apply(Tiny()));
        Assert.Contains("unknown parameter 'hub_count'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hubs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetParameter_RefusesANonNumber()
    {
        var ex = Assert.Throws<PlanningInputException>(() => new SetParameterEdit("hubs", "many").Apply(Tiny()));
        Assert.Contains("expected an integer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddZone_RefusesASelfIntersectingPolygon()
    {
        var bowtie = "POLYGON ((30 48, 31 49, 31 48, 30 49, 30 48))";
        var ex = Assert.Throws<PlanningInputException>(() => new AddZoneEdit("x", "X", ZoneKind.Exclusion, 1, bowtie).Apply(Tiny()));
        Assert.Contains("valid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Edits_RoundTripThroughJson()
    {
        ScenarioEdit[] edits =
        [
            new RemoveSiteEdit("a"), new MoveSiteEdit("b", 31, 49), new SetSiteStatusEdit("a", SiteStatus.Forced),
            new SetInventoryEdit("sam", 2, "e"), new SetParameterEdit("hubs", "2"),
            new AddZoneEdit("z", "Zed", ZoneKind.Exclusion, 1, "POLYGON ((30 48, 30.5 48, 30.5 48.5, 30 48))"),
        ];
        foreach (var edit in edits)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(edit);
            var back = System.Text.Json.JsonSerializer.Deserialize<ScenarioEdit>(json);
            Assert.Equal(edit, back);
        }
    }
}
