using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Planning;

public class PlanPipelineTests
{
    [Fact]
    public void Run_TinyPlan_OpensNorth_DeploysTheRadar_AndServesEveryOrder()
    {
        var result = PlanPipeline.Run(TinyPlan.Problem(), TinyPlan.Options());

        var hub = Assert.Single(result.Hubs);
        Assert.Equal("north", hub.SiteId);
        Assert.Equal(4, hub.DemandPointsServed);
        Assert.Equal(8, hub.DemandWeightServed); // 3 + 3 + 1 + 1
        Assert.Equal(("radar", 1), (Assert.Single(hub.Equipment).EquipmentTypeId, hub.Equipment[0].Quantity));
        Assert.Single(result.Routes);
        Assert.Empty(result.Unserved);
        Assert.Equal(100, result.Coverage.Single(b => b.TargetAltitudeM == 10_000).AirspacePct, 0.01);
        Assert.Equal(PlanPipeline.StageNames, result.Stages.Select(s => s.Stage));
        Assert.DoesNotContain(result.Stages, s => s.Status is StageStatus.Skipped or StageStatus.Failed or StageStatus.Infeasible);
    }

    [Theory]
    [InlineData(PlanStage.Placement, new[] { "allocation", "routing", "coverage" })]
    [InlineData(PlanStage.Routing, new[] { "coverage" })]
    public void Run_StopAfter_SkipsEveryLaterStage(PlanStage stopAfter, string[] skipped)
    {
        var result = PlanPipeline.Run(TinyPlan.Problem(), TinyPlan.Options(stopAfter: stopAfter));

        Assert.Equal(skipped, result.Stages.Where(s => s.Status == StageStatus.Skipped).Select(s => s.Stage));
        Assert.All(result.Stages.Where(s => s.Status == StageStatus.Skipped),
            s => Assert.Equal($"not run (stopped after {stopAfter.ToString().ToLowerInvariant()})", s.Message));
        Assert.Equal("north", Assert.Single(result.Hubs).SiteId);
        Assert.Equal(stopAfter == PlanStage.Routing, result.Routes.Count == 1);
        Assert.Empty(result.Coverage);
    }

    [Fact]
    public void Run_StopAfterRoads_OpensNoHub()
    {
        var result = PlanPipeline.Run(TinyPlan.Problem(), TinyPlan.Options(stopAfter: PlanStage.Roads));

        Assert.Empty(result.Hubs);
        Assert.Equal(["placement", "allocation", "routing", "coverage"],
            result.Stages.Where(s => s.Status == StageStatus.Skipped).Select(s => s.Stage));
    }

    [Fact]
    public void Run_UsesTheInjectedTravelCosts_NotTheRoadNetwork()
    {
        // TinyPlan has no road at all: on the road network every demand point would be unreachable.
        var result = PlanPipeline.Run(TinyPlan.Problem(), TinyPlan.Options());

        Assert.Contains("0 site(s) and 0 demand point(s) not reachable by road", result.Stages[0].Message, StringComparison.Ordinal);
        Assert.Equal(4, result.Assignments.Count);
    }

    [Fact]
    public void Run_WhatIfWithFreeze_KeepsTheParentsHubAndEquipment()
    {
        var parent = PlanPipeline.Run(TinyPlan.Problem(), TinyPlan.Options());
        var child = new SetParameterEdit("freeze", "true").Apply(new SetParameterEdit("hubs", "2").Apply(TinyPlan.Problem()));

        var result = PlanPipeline.Run(child, TinyPlan.Options(parent));

        var hub = Assert.Single(result.Hubs);
        Assert.Equal("north", hub.SiteId);
        Assert.Equal(1, Assert.Single(hub.Equipment).Quantity);
    }

    [Fact]
    public void Run_SameSeed_GivesTheSamePlan()
    {
        var a = PlanPipeline.Run(TinyPlan.Problem(), TinyPlan.Options());
        var b = PlanPipeline.Run(TinyPlan.Problem(), TinyPlan.Options());

        Assert.Equal(a.Routes.Select(r => (r.VehicleId, r.Km, string.Join(",", r.Stops.Select(s => s.OrderId)))),
            b.Routes.Select(r => (r.VehicleId, r.Km, string.Join(",", r.Stops.Select(s => s.OrderId)))));
        Assert.Equal(a.Hubs.Select(h => h.SiteId), b.Hubs.Select(h => h.SiteId));
    }
}
