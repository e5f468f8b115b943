using HubPlanner.Core.Routing;
using static HubPlanner.Core.Tests.Routing.RoutingFixtures;

namespace HubPlanner.Core.Tests.Routing;

/// <summary>Hand-made plans, each wrong in exactly one way, must be rejected; the honest one must pass.</summary>
public class RouteCheckerTests
{
    // Depot L0 (0,0), L1 (10,0), L2 (0,10), L3 (20,0). Time = distance.
    private static readonly (RoutingLocation[] Locations, RoutingMatrix Matrix) Map = Plane((0, 0), (10, 0), (0, 10), (20, 0));

    private static RoutingProblem Problem(double weightA = 5, double weightB = 5, TimeWindow? windowB = null, double? shift = null, int vehicles = 2) =>
        RoutingProblem.Create(
            Map.Locations,
            Map.Matrix,
            [
                new DeliveryOrder("A", null, 1, weightA, 0, TimeWindow.Always),
                new DeliveryOrder("B", null, 2, weightB, 0, windowB ?? TimeWindow.Always),
                new DeliveryOrder("X", PickupLocation: 3, DeliveryLocation: 1, WeightT: 2, VolumeM3: 0, DeliveryWindow: TimeWindow.Always),
            ],
            [new RoutingVehicleType("truck", 10, 100, FixedCost: 7, CostPerKm: 2, MaxShiftMin: shift)],
            [new FleetGroup("truck", 0, 0, vehicles)]);

    /// <summary>Builds a route the simple way (depart at 0, wait for windows), so only the defect under test is wrong.</summary>
    private static VehicleRoute Route(RoutingProblem p, int vehicle, params (string Order, StopKind Kind)[] stops)
    {
        var v = p.Vehicles[vehicle];
        double t = 0, km = 0, load = stops.Where(s => s.Kind == StopKind.Delivery && p.Orders.Single(o => o.Id == s.Order).PickupLocation is null).Sum(s => p.Orders.Single(o => o.Id == s.Order).WeightT);
        int at = v.StartLocation;
        var result = new List<VehicleStop>();
        foreach (var (id, kind) in stops)
        {
            var o = p.Orders.Single(x => x.Id == id);
            int loc = kind == StopKind.Pickup ? o.PickupLocation!.Value : o.DeliveryLocation;
            var w = kind == StopKind.Pickup ? o.EffectivePickupWindow : o.DeliveryWindow;
            km += p.Matrix.DistanceKm(at, loc);
            double arrival = t + p.Matrix.TimeMin(at, loc);
            double start = Math.Max(arrival, w.EarliestMin);
            load += kind == StopKind.Pickup ? o.WeightT : -o.WeightT;
            result.Add(new VehicleStop(id, kind, loc, arrival, start, load, 0));
            t = start;
            at = loc;
        }

        km += p.Matrix.DistanceKm(at, v.EndLocation);
        t += p.Matrix.TimeMin(at, v.EndLocation);
        return new VehicleRoute(vehicle, v.Id, v.Type.Id, result, km, 0, t, 7 + (2 * km));
    }

    private static DeliveryPlan Plan(params VehicleRoute[] routes) => Plan(routes, []);

    private static DeliveryPlan Plan(VehicleRoute[] routes, DroppedOrder[] unserved) =>
        new(routes, unserved, routes.Sum(r => r.Cost), routes.Sum(r => r.DistanceKm), new RoutingSearchStats(0, "hand-made", 0, 0, false, 0));

    private static void AssertRejected(RoutingProblem p, DeliveryPlan plan, string expectedFragment)
    {
        var check = RouteChecker.Check(p, plan);
        Assert.False(check.IsValid);
        Assert.Contains(check.Violations, v => v.Contains(expectedFragment, StringComparison.Ordinal));
    }

    private static readonly (string, StopKind)[] HonestStops = [("X", StopKind.Pickup), ("A", StopKind.Delivery), ("X", StopKind.Delivery)];

    [Fact]
    public void Check_AcceptsAnHonestPlan()
    {
        var p = Problem();
        var plan = Plan(Route(p, 0, HonestStops), Route(p, 1, ("B", StopKind.Delivery)));
        var check = RouteChecker.Check(p, plan);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
    }

    [Fact]
    public void Check_RejectsAnOrderNeitherServedNorReported()
    {
        var p = Problem();
        AssertRejected(p, Plan(Route(p, 0, HonestStops)), "order B: 0 pickup(s) and 0 delivery(ies)");
    }

    [Fact]
    public void Check_RejectsAnOrderServedTwice()
    {
        var p = Problem();
        AssertRejected(p, Plan(Route(p, 0, HonestStops), Route(p, 1, ("B", StopKind.Delivery), ("A", StopKind.Delivery))), "order A: 0 pickup(s) and 2 delivery(ies)");
    }

    [Fact]
    public void Check_RejectsAnOrderBothServedAndReportedUnserved()
    {
        var p = Problem();
        var plan = Plan([Route(p, 0, HonestStops), Route(p, 1, ("B", StopKind.Delivery))], [new DroppedOrder("B", UnservedReason.Other, "because")]);
        AssertRejected(p, plan, "order B is reported unserved 1 time(s) and visited 1 time(s)");
    }

    [Fact]
    public void Check_RejectsALoadAboveCapacity()
    {
        var p = Problem(weightA: 6, weightB: 6);
        AssertRejected(p, Plan(Route(p, 0, HonestStops.Concat([("B", StopKind.Delivery)]).ToArray())), "leaves with 12 t, capacity 10 t");
    }

    [Fact]
    public void Check_RejectsAMissedTimeWindow()
    {
        // B due by minute 5 but 10 km away.
        var p = Problem(windowB: new TimeWindow(0, 5));
        AssertRejected(p, Plan(Route(p, 0, HonestStops), Route(p, 1, ("B", StopKind.Delivery))), "after its window closes at 5 min");
    }

    [Fact]
    public void Check_RejectsADeliveryBeforeItsPickup()
    {
        var p = Problem();
        AssertRejected(p, Plan(Route(p, 0, ("A", StopKind.Delivery), ("X", StopKind.Delivery), ("X", StopKind.Pickup)), Route(p, 1, ("B", StopKind.Delivery))), "order X is delivered by vehicle truck@L0#1 before (or without) its pickup");
    }

    [Fact]
    public void Check_RejectsAPairSplitOverTwoVehicles()
    {
        var p = Problem();
        AssertRejected(p, Plan(Route(p, 0, ("X", StopKind.Pickup), ("A", StopKind.Delivery)), Route(p, 1, ("B", StopKind.Delivery), ("X", StopKind.Delivery))), "order X is delivered by vehicle truck@L0#2 before (or without) its pickup");
    }

    [Fact]
    public void Check_RejectsAShiftOverrun()
    {
        // Route depot→L3→L1→depot = 20 + 10 + 10 = 40 min against a 30 min shift.
        var p = Problem(shift: 30);
        AssertRejected(p, Plan(Route(p, 0, HonestStops), Route(p, 1, ("B", StopKind.Delivery))), "works 40 min, more than its 30 min shift");
    }

    [Fact]
    public void Check_RejectsAWrongTotalCost()
    {
        var p = Problem();
        var honest = Plan(Route(p, 0, HonestStops), Route(p, 1, ("B", StopKind.Delivery)));
        AssertRejected(p, honest with { TotalCost = honest.TotalCost - 1 }, "reported total cost");
    }

    [Fact]
    public void Check_RejectsAWrongRouteDistance()
    {
        var p = Problem();
        var r = Route(p, 1, ("B", StopKind.Delivery));
        AssertRejected(p, Plan(Route(p, 0, HonestStops), r with { DistanceKm = 15 }), "reported 15 km, recomputed 20 km");
    }

    [Fact]
    public void Check_RejectsAServiceStartThatDoesNotFollowFromTheDeparture()
    {
        var p = Problem();
        var r = Route(p, 1, ("B", StopKind.Delivery));
        var bad = r with { Stops = [r.Stops[0] with { ServiceStartMin = 3 }] };
        AssertRejected(p, Plan(Route(p, 0, HonestStops), bad), "reported service start 3 min, recomputed 10 min");
    }

    [Fact]
    public void Check_RejectsTwoRoutesForOneVehicle()
    {
        var p = Problem();
        AssertRejected(p, Plan(Route(p, 0, HonestStops), Route(p, 0, ("B", StopKind.Delivery))), "has more than one route");
    }
}
