using HubPlanner.Core.Routing;

namespace HubPlanner.Core.Tests.Routing;

/// <summary>Small problem builders shared by the routing tests.</summary>
internal static class RoutingFixtures
{
    /// <summary>Locations named L0, L1, … over planar points; time = distance (1 km/min).</summary>
    public static (RoutingLocation[] Locations, RoutingMatrix Matrix) Plane(params (double X, double Y)[] points) =>
        (points.Select((_, i) => new RoutingLocation(i, $"L{i}", $"Place {i}")).ToArray(), RoutingMatrix.Euclidean(points));

    public static RoutingOptions Deterministic(long solutions = 200, RoutingSearch search = RoutingSearch.IteratedLocalSearch, int seed = 0) =>
        new(TimeSpan.FromSeconds(3), SolutionLimit: solutions, Seed: seed, Search: search, CostScale: 1000, TimeScale: 1000);

    /// <summary>
    /// A random tiny instance (seeded): one or two depots, up to <paramref name="orders"/> orders, optional windows,
    /// pickup-delivery pairs, a heterogeneous fleet, shifts and optional orders.
    /// </summary>
    public static RoutingProblem Random(int seed, int orders, bool windows, bool pairs, bool twoDepots, bool heterogeneous, bool optional, bool shift)
    {
        var rng = new Random(seed);
        int nLoc = orders + 2 + (pairs ? orders : 0);
        var pts = Enumerable.Range(0, nLoc).Select(_ => ((double)rng.Next(0, 50), (double)rng.Next(0, 50))).ToArray();
        var (locs, matrix) = Plane(pts);
        var list = new List<DeliveryOrder>();
        for (int i = 0; i < orders; i++)
        {
            int delivery = 2 + i;
            int? pickup = pairs && i % 2 == 0 ? 2 + orders + i : null;
            double open = windows ? rng.Next(0, 120) : 0;
            var window = windows ? new TimeWindow(open, open + rng.Next(30, 90)) : TimeWindow.Always;
            list.Add(new DeliveryOrder(
                $"O{i}",
                pickup,
                delivery,
                WeightT: rng.Next(1, 8),
                VolumeM3: rng.Next(0, 5),
                DeliveryWindow: window,
                DeliveryServiceMin: rng.Next(0, 5),
                PickupServiceMin: pickup.HasValue ? rng.Next(0, 5) : 0,
                Priority: rng.Next(1, 4),
                Optional: optional && i % 3 == 1));
        }

        var types = new List<RoutingVehicleType> { new("small", 10, 12, SpeedFactor: 1, FixedCost: 20, CostPerKm: 1, MaxShiftMin: shift ? 150 : null) };
        if (heterogeneous)
        {
            types.Add(new RoutingVehicleType("big", 16, 20, SpeedFactor: 0.8, FixedCost: 45, CostPerKm: 1.5, MaxShiftMin: shift ? 200 : null));
        }

        var fleet = new List<FleetGroup> { new("small", 0, 0, 3) };
        if (heterogeneous)
        {
            fleet.Add(new FleetGroup("big", twoDepots ? 1 : 0, twoDepots ? 1 : 0, 1));
        }
        else if (twoDepots)
        {
            fleet.Add(new FleetGroup("small", 1, 1, 1));
        }

        return RoutingProblem.Create(locs, matrix, list, types, fleet, dropPenaltyPerPriority: 25);
    }

    public static void AssertValid(RoutingProblem problem, DeliveryPlan plan)
    {
        var check = RouteChecker.Check(problem, plan);
        Assert.True(check.IsValid, "checker: " + string.Join("; ", check.Violations));
    }
}
