using HubPlanner.Core.Domain;
using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Planning;

public class RoadStageTests
{
    [Fact]
    public void Build_OnGreatCircleCosts_ReachesEveryPair_AndLeavesOutForbiddenSites()
    {
        var problem = new SetSiteStatusEdit("south", SiteStatus.Forbidden).Apply(TinyPlan.Problem());

        var roads = RoadStage.Build(problem, TinyPlan.Travel, CancellationToken.None);

        Assert.Equal(["north"], roads.Sites.Select(s => s.Id));
        Assert.Equal((1, 4), (roads.SiteToDemand.Rows, roads.SiteToDemand.Cols));
        Assert.Empty(roads.UnreachableSites);
        Assert.Empty(roads.UnreachableDemand);
    }

    [Fact]
    public void Build_MeasuresTheSiteToDemandCostsWithTheInjectedProvider()
    {
        var roads = RoadStage.Build(TinyPlan.Problem(), TinyPlan.Travel, CancellationToken.None);

        // north (50.0 N) to d1 (49.8 N) on the same meridian: 0.2° of latitude ≈ 22.2 km, × 1.3 detour ≈ 28.9 km,
        // at 60 km/h ≈ 28.9 min.
        Assert.Equal(28.9, roads.SiteToDemand.Metres(0, 0) / 1000, 0.1);
        Assert.Equal(28.9, roads.SiteToDemand.Seconds(0, 0) / 60, 0.1);
        Assert.Same(TinyPlan.Travel, roads.Travel);
        Assert.Equal("truck", roads.Heaviest!.Id);
    }
}
