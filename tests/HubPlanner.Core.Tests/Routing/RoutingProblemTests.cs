using HubPlanner.Core.Routing;
using static HubPlanner.Core.Tests.Routing.RoutingFixtures;

namespace HubPlanner.Core.Tests.Routing;

public class RoutingProblemTests
{
    private static readonly (RoutingLocation[] Locations, RoutingMatrix Matrix) Map = Plane((0, 0), (10, 0));
    private static readonly RoutingVehicleType Truck = new("truck", 10, 10);

    [Fact]
    public void Create_RejectsAnOrderAtAnUnknownLocation()
    {
        var ex = Assert.Throws<ArgumentException>(() => RoutingProblem.Create(Map.Locations, Map.Matrix, [new DeliveryOrder("A", null, 5, 1, 0, TimeWindow.Always)], [Truck], [new FleetGroup("truck", 0, 0, 1)]));
        Assert.Contains("order 'A': delivery location 5 does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsAFleetOfAnUndefinedVehicleType()
    {
        var ex = Assert.Throws<ArgumentException>(() => RoutingProblem.Create(Map.Locations, Map.Matrix, [], [Truck], [new FleetGroup("lorry", 0, 0, 1)]));
        Assert.Contains("vehicle type 'lorry' is not defined", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsAnInvertedWindowAndDuplicateIds_AllAtOnce()
    {
        var orders = new[]
        {
            new DeliveryOrder("A", null, 1, 1, 0, new TimeWindow(50, 10)),
            new DeliveryOrder("A", null, 1, 1, 0, TimeWindow.Always),
        };
        var ex = Assert.Throws<ArgumentException>(() => RoutingProblem.Create(Map.Locations, Map.Matrix, orders, [Truck], [new FleetGroup("truck", 0, 0, 1)]));
        Assert.Contains("order id 'A' appears 2 times", ex.Message, StringComparison.Ordinal);
        Assert.Contains("delivery window [50, 10]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsAMatrixOfTheWrongSize()
    {
        var (locs, _) = Plane((0, 0), (1, 0), (2, 0));
        var ex = Assert.Throws<ArgumentException>(() => RoutingProblem.Create(locs, Map.Matrix, [], [Truck], []));
        Assert.Contains("3 locations but the travel matrix is 2×2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TravelMatrix_RejectsANegativeDistance()
    {
        var d = new double[,] { { 0, -1 }, { 1, 0 } };
        var ex = Assert.Throws<ArgumentException>(() => RoutingMatrix.Create(d, d));
        Assert.Contains("distance[0,1] = -1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExpandsFleetGroupsIntoNamedVehicles()
    {
        var p = RoutingProblem.Create(Map.Locations, Map.Matrix, [], [Truck], [new FleetGroup("truck", 0, 0, 2), new FleetGroup("truck", 1, 1, 1)]);
        Assert.Equal(["truck@L0#1", "truck@L0#2", "truck@L1#1"], p.Vehicles.Select(v => v.Id));
    }
}
