using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Planning;

public class PlacementStageTests
{
    private static PlacementStage Place(PlanningProblem problem, PlanRunOptions options) =>
        PlacementStage.Run(problem, RoadStage.Build(problem, TinyPlan.Travel, CancellationToken.None),
            PlanPolicy.Resolve(problem, options).Placement, null, CancellationToken.None);

    [Fact]
    public void Run_PMedianWithOneHub_OpensTheSiteWithTheLeastWeightedDistance()
    {
        // Weighted distance (TinyPlan): north 4.6° of latitude, south 11.4°.
        var placement = Place(TinyPlan.Problem(), TinyPlan.Options());

        Assert.Equal(["north"], placement.OpenSites.Select(s => s.Id));
        Assert.Equal(StageStatus.Optimal, placement.Summary.Status);
        Assert.Equal(["d1", "d2", "d3", "d4"], placement.Assignments.Select(a => a.DemandId));
        Assert.All(placement.Assignments, a => Assert.Equal("north", a.SiteId));
        Assert.StartsWith("chosen by pmedian", placement.Reasons["north"], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PMedianObjective_IsTheWeightedRoadMinutesToTheOpenHub()
    {
        // 4.6° of latitude ≈ 511.6 km of geodesic, × 1.3 detour at 60 km/h ≈ 665 weighted minutes.
        var placement = Place(TinyPlan.Problem(), TinyPlan.Options());

        Assert.Equal(665, placement.Summary.Objective!.Value, 665 * 0.005);
    }

    [Fact]
    public void Run_FreezeWithAParent_KeepsTheParentsHub_EvenWhereAnotherIsBetter()
    {
        var problem = TinyPlan.Problem(TinyPlan.Parameters with { Freeze = true });

        var placement = Place(problem, TinyPlan.Options(PlanPolicyTests.Parent(["south"])));

        Assert.Equal(["south"], placement.OpenSites.Select(s => s.Id));
        Assert.StartsWith("kept from the parent plan", placement.Reasons["south"], StringComparison.Ordinal);
        Assert.Contains("(freeze)", placement.Summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ListsForbiddenSitesAsIneligible()
    {
        var problem = new SetSiteStatusEdit("north", Core.Domain.SiteStatus.Forbidden).Apply(TinyPlan.Problem());

        var placement = Place(problem, TinyPlan.Options());

        Assert.Equal(["south"], placement.OpenSites.Select(s => s.Id));
        var ineligible = Assert.Single(placement.Ineligible);
        Assert.Equal(("north", "forbidden by the scenario"), (ineligible.SiteId, ineligible.Reason));
    }
}
