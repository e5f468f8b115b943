using HubPlanner.Core.Routing;
using static HubPlanner.Core.Tests.Routing.RoutingFixtures;

namespace HubPlanner.Core.Tests.Routing;

public class RoutePolisherTests
{
    // Depot L0 (0,0); L1 (0,10), L2 (10,10), L3 (10,0): the square's perimeter is 40.
    private static readonly (RoutingLocation[] Locations, RoutingMatrix Matrix) Square = Plane((0, 0), (0, 10), (10, 10), (10, 0));

    private static RoutingProblem Problem(int vehicles) => RoutingProblem.Create(
        Square.Locations,
        Square.Matrix,
        new[] { 1, 2, 3 }.Select(l => new DeliveryOrder($"O{l}", null, l, 1, 0, TimeWindow.Always)),
        [new RoutingVehicleType("truck", 10, 10)],
        [new FleetGroup("truck", 0, 0, vehicles)]);

    [Fact]
    public void Polish_UncrossesACrossingRoute()
    {
        // Visiting L1, L3, L2 crosses itself: 10 + 14.14 + 10 + 14.14 = 48.28; uncrossed it is the perimeter, 40.
        var problem = Problem(1);
        var routes = new[] { new List<Visit> { new(0, StopKind.Delivery), new(2, StopKind.Delivery), new(1, StopKind.Delivery) } };

        int moves = RoutePolisher.Polish(problem, routes, 100, CancellationToken.None);

        Assert.True(moves > 0);
        Assert.Equal(40, RouteSimulator.Simulate(problem, problem.Vehicles[0], routes[0]).Cost, 9);
    }

    [Fact]
    public void Polish_RelocatesAVisitIntoTheRouteWhereItIsCheaper()
    {
        // Route 1 serves L1 and L2 (10 + 10 + 14.14 = 34.14), route 2 only L3 (20): 54.14. All on one route: 40.
        var problem = Problem(2);
        var routes = new[]
        {
            new List<Visit> { new(0, StopKind.Delivery), new(1, StopKind.Delivery) },
            new List<Visit> { new(2, StopKind.Delivery) },
        };

        RoutePolisher.Polish(problem, routes, 100, CancellationToken.None);

        double total = routes.Select((r, v) => RouteSimulator.Simulate(problem, problem.Vehicles[v], r).Cost).Sum();
        Assert.Equal(40, total, 9);
        Assert.Single(routes, r => r.Count > 0);
    }

    [Fact]
    public void Polish_NeverBreaksCapacity()
    {
        // 6 t each on 10 t trucks: merging the routes would be shorter but overloads the truck.
        var problem = RoutingProblem.Create(
            Square.Locations,
            Square.Matrix,
            [new DeliveryOrder("A", null, 1, 6, 0, TimeWindow.Always), new DeliveryOrder("B", null, 3, 6, 0, TimeWindow.Always)],
            [new RoutingVehicleType("truck", 10, 10)],
            [new FleetGroup("truck", 0, 0, 2)]);
        var routes = new[] { new List<Visit> { new(0, StopKind.Delivery) }, new List<Visit> { new(1, StopKind.Delivery) } };

        Assert.Equal(0, RoutePolisher.Polish(problem, routes, 100, CancellationToken.None));
    }
}
