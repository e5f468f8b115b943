using HubPlanner.Core.Allocation;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Planning;

public class RoutingStageTests
{
    private static RoutingStage Route(PlanningProblem problem, IReadOnlyList<HubAllocation> units)
    {
        var policy = PlanPolicy.Resolve(problem, TinyPlan.Options());
        var roads = RoadStage.Build(problem, TinyPlan.Travel, CancellationToken.None);
        var placement = PlacementStage.Run(problem, roads, policy.Placement, null, CancellationToken.None);
        var allocation = new AllocationStage { Units = units, Summary = new StageSummary("allocation", StageStatus.Optimal, null, null, null, 0, "") };
        return RoutingStage.Run(problem, roads, placement, allocation, policy.Routing, null, CancellationToken.None);
    }

    [Fact]
    public void Run_DeliversTheRadarAndOneLoadOfSupplies_WithTheOnlyTruck()
    {
        // Orders: the radar (10 t) and north's supplies, 4 points × 2 t = 8 t in one load of 8 units; the 40 t truck
        // at "west" takes both.
        var routing = Route(TinyPlan.Problem(), [new HubAllocation("north", "radar", 1, 10)]);

        Assert.Empty(routing.Unserved);
        var route = Assert.Single(routing.Routes);
        Assert.Equal(("west", "truck"), (route.DepotId, route.VehicleTypeId));
        Assert.Equal(2, route.Stops.Count(s => s.Action == "pickup" && s.LocationId == "west"));
        Assert.Equal(2, route.Stops.Count(s => s.Action == "delivery" && s.LocationId == "north"));
        Assert.Contains("2 of 2 orders delivered by 1 vehicles", routing.Summary.Message, StringComparison.Ordinal);
        Assert.Equal(StageStatus.Feasible, routing.Summary.Status);
    }

    [Fact]
    public void Run_RouteKm_IsTheGreatCircleLegFromTheEntryPointToTheHub()
    {
        // west (30.0, 50.0) to north (31.0, 50.0): 1° of longitude at 50° N ≈ 71.7 km geodesic, × 1.3 ≈ 93.2 km.
        var routing = Route(TinyPlan.Problem(), [new HubAllocation("north", "radar", 1, 10)]);

        Assert.Equal(93.2, Assert.Single(routing.Routes).Km, 0.5);
    }

    [Fact]
    public void Run_NamesTheShortfall_WhenTheEntryPointsHoldTooFewUnits()
    {
        // Two radars allocated, one in stock: one is delivered, the other is reported as a stock shortfall.
        var routing = Route(TinyPlan.Problem(), [new HubAllocation("north", "radar", 2, 20)]);

        var shortfall = Assert.Single(routing.Unserved);
        Assert.Equal("radar-north-short", shortfall.OrderId);
        Assert.StartsWith("stock: the entry points hold no more Radar (1 of 2 sourced)", shortfall.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithoutVehicles_IsSkippedWithTheReason()
    {
        var problem = TinyPlan.Problem();
        problem = problem with { Data = problem.Data with { VehicleTypes = [], Fleet = [] } };

        var routing = Route(problem, [new HubAllocation("north", "radar", 1, 10)]);

        Assert.Equal(StageStatus.Skipped, routing.Summary.Status);
        Assert.Equal("no hubs, entry points or vehicles: nothing to route", routing.Summary.Message);
    }
}
