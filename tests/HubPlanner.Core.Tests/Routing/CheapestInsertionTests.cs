using HubPlanner.Core.Routing;
using static HubPlanner.Core.Tests.Routing.RoutingFixtures;

namespace HubPlanner.Core.Tests.Routing;

/// <summary>
/// The construction solution routing falls back on when its search finds nothing in time: feasible by the
/// independent <see cref="RouteChecker"/>, serving every order the brute-force oracle can serve on tiny instances,
/// and never beaten from below by <see cref="DeliveryRouter.Solve"/>.
/// </summary>
public class CheapestInsertionTests
{
    [Theory]
    [InlineData(2, 6, false, false, false, false)] // CVRP
    [InlineData(3, 6, true, false, false, false)] // time windows
    [InlineData(3, 5, false, true, false, false)] // pickup and delivery
    [InlineData(4, 6, false, false, true, true)] // multi-depot, heterogeneous fleet
    [InlineData(6, 6, true, false, false, true)] // windows + heterogeneous
    [InlineData(1, 5, true, true, true, true)] // everything at once
    [InlineData(9, 5, true, true, true, true)]
    public void Construct_IsFeasibleAndServesEveryMandatoryOrder_OnInstancesTheOracleSolves(int seed, int orders, bool windows, bool pairs,
        bool twoDepots, bool heterogeneous)
    {
        var problem = Random(seed, orders, windows, pairs, twoDepots, heterogeneous, optional: false, shift: false);
        var (optimum, _) = BruteForceVrp.Optimal(problem);
        Assert.True(double.IsFinite(optimum), "the fixture must be feasible for the oracle to mean anything");

        var plan = DeliveryRouter.Construct(problem);

        AssertValid(problem, plan);
        Assert.True(plan.Stats.UsedConstruction);
        Assert.Empty(plan.Unserved);
        Assert.True(plan.TotalCost >= optimum - 1e-6, $"construction {plan.TotalCost} below the optimum {optimum}: the oracle or the cost is wrong");
    }

    [Fact]
    public void Construct_SplitsTwoSixTonneOrdersOverTwoTenTonneTrucks()
    {
        // Depot (0,0); A (10,0); B (0,10); 6 t + 6 t > 10 t: two out-and-back routes, 40 km, not one tour.
        var (locs, m) = Plane((0, 0), (10, 0), (0, 10));
        var truck = new RoutingVehicleType("truck", CapacityT: 10, CapacityM3: 100);
        var problem = RoutingProblem.Create(locs, m,
            [new DeliveryOrder("A", null, 1, 6, 0, TimeWindow.Always, 0), new DeliveryOrder("B", null, 2, 6, 0, TimeWindow.Always, 0)],
            [truck], [new FleetGroup("truck", 0, 0, 2)]);

        var plan = DeliveryRouter.Construct(problem);

        AssertValid(problem, plan);
        Assert.Equal(2, plan.Routes.Count);
        Assert.Equal(40, plan.TotalCost, 6);
    }

    [Fact]
    public void Construct_LeavesOutAnOptionalOrderThatCostsMoreThanItsPenalty()
    {
        // A at 10 km costs 20 km out and back; its drop penalty is 5: leaving it out is cheaper.
        var (locs, m) = Plane((0, 0), (10, 0));
        var truck = new RoutingVehicleType("truck", CapacityT: 10, CapacityM3: 100);
        var problem = RoutingProblem.Create(locs, m, [new DeliveryOrder("A", null, 1, 1, 0, TimeWindow.Always, 0, Priority: 1, Optional: true)],
            [truck], [new FleetGroup("truck", 0, 0, 1)], dropPenaltyPerPriority: 5);

        var plan = DeliveryRouter.Construct(problem);

        Assert.Empty(plan.Routes);
        Assert.Equal("A", Assert.Single(plan.Unserved).OrderId);
        Assert.Equal(5, plan.TotalCost, 6);
    }

    [Theory]
    [InlineData(5, 6)]
    [InlineData(12, 5)]
    public void Solve_NeverReturnsLessThanTheConstruction(int seed, int orders)
    {
        var problem = Random(seed, orders, windows: true, pairs: true, twoDepots: true, heterogeneous: true, optional: true, shift: true);
        var construction = DeliveryRouter.Construct(problem);

        // One solution only: the search stops at its first, possibly poor, assignment.
        var plan = DeliveryRouter.Solve(problem, Deterministic(1));

        AssertValid(problem, plan);
        Assert.True(plan.TotalCost <= construction.TotalCost + 1e-6, $"solve {plan.TotalCost} > construction {construction.TotalCost}");
    }
}
