using HubPlanner.Core.Routing;
using static HubPlanner.Core.Tests.Routing.RoutingFixtures;

namespace HubPlanner.Core.Tests.Routing;

public class DeliveryRouterTests
{
    private static readonly RoutingVehicleType Truck10 = new("truck", CapacityT: 10, CapacityM3: 100);

    // Depot L0 (0,0); A = L1 (10,0); B = L2 (0,10). Distances: depot–A 10, depot–B 10, A–B 14.142.
    // One route depot→A→B→depot = 34.142; two out-and-back routes = 40.
    private static RoutingProblem Triangle(
        DeliveryOrder a,
        DeliveryOrder b,
        RoutingVehicleType? type = null,
        int vehicles = 2)
    {
        var (locs, m) = Plane((0, 0), (10, 0), (0, 10));
        type ??= Truck10;
        return RoutingProblem.Create(locs, m, [a, b], [type], [new FleetGroup(type.Id, 0, 0, vehicles)]);
    }

    private static DeliveryOrder Order(string id, int location, double weightT = 1, TimeWindow? window = null, double serviceMin = 0) =>
        new(id, null, location, weightT, 0, window ?? TimeWindow.Always, serviceMin);

    [Theory]
    [InlineData(2, 6, false, false, false, false, false, false)] // CVRP
    [InlineData(3, 6, true, false, false, false, false, false)] // time windows
    [InlineData(3, 5, false, true, false, false, false, false)] // pickup and delivery
    [InlineData(4, 6, false, false, true, true, false, false)] // multi-depot, heterogeneous fleet
    [InlineData(5, 6, false, false, false, false, true, false)] // optional orders with priorities
    [InlineData(6, 6, true, false, false, false, false, true)] // windows + shift
    [InlineData(1, 5, true, true, true, true, true, true)] // everything at once
    [InlineData(9, 5, true, true, true, true, true, true)]
    [InlineData(12, 5, true, true, true, true, true, true)]
    [InlineData(8, 7, false, false, false, true, false, false)] // 7 orders, heterogeneous
    public void Solve_MatchesTheBruteForceOptimumOnTinyInstances(int seed, int orders, bool windows, bool pairs, bool twoDepots, bool heterogeneous, bool optional, bool shift)
    {
        var problem = Random(seed, orders, windows, pairs, twoDepots, heterogeneous, optional, shift);
        double optimum = BruteForceVrp.OptimalCost(problem);
        Assert.True(double.IsFinite(optimum), "the fixture must be feasible for the oracle to mean anything");

        var plan = DeliveryRouter.Solve(problem, Deterministic(300));

        AssertValid(problem, plan);
        Assert.Equal(optimum, plan.TotalCost, 6);
    }

    [Fact]
    public void Capacity_Binds_SplitsTwoSixTonneOrdersOverTwoTenTonneTrucks()
    {
        // 6 t + 6 t > 10 t: two out-and-back routes (40) instead of one tour (34.142).
        var problem = Triangle(Order("A", 1, 6), Order("B", 2, 6));
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        Assert.Equal(2, plan.Routes.Count);
        Assert.Equal(40, plan.TotalCost, 6);
    }

    [Fact]
    public void Capacity_Slack_ServesBothOrdersInOneTour()
    {
        var problem = Triangle(Order("A", 1, 5), Order("B", 2, 5));
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        Assert.Single(plan.Routes);
        Assert.Equal(20 + Math.Sqrt(200), plan.TotalCost, 6);
    }

    [Fact]
    public void Volume_Binds_LikeWeight()
    {
        var type = new RoutingVehicleType("van", CapacityT: 100, CapacityM3: 10);
        var a = Order("A", 1) with { VolumeM3 = 6 };
        var b = Order("B", 2) with { VolumeM3 = 6 };
        var problem = Triangle(a, b, type);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        Assert.Equal(40, plan.TotalCost, 6);
    }

    [Fact]
    public void TimeWindow_Binds_TwoOrdersDueByMinuteTenNeedTwoVehicles()
    {
        // Serving A at 10 then B arrives at 24.1 > 10: each needs its own vehicle.
        var problem = Triangle(Order("A", 1, window: new TimeWindow(0, 10)), Order("B", 2, window: new TimeWindow(0, 10)));
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        Assert.Equal(2, plan.Routes.Count);
        Assert.Equal(40, plan.TotalCost, 6);
    }

    [Fact]
    public void TimeWindow_Waiting_StartsServiceWhenTheWindowOpens()
    {
        // B must be served in [50, 60]; A has no window. Tour depot→A→B: at B by 24.1, waits until 50.
        var problem = Triangle(Order("A", 1), Order("B", 2, window: new TimeWindow(50, 60)), vehicles: 1);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        var stopB = plan.Routes.Single().Stops.Single(s => s.OrderId == "B");
        Assert.Equal(50, stopB.ServiceStartMin, 6);
        Assert.Equal(20 + Math.Sqrt(200), plan.TotalCost, 6);
    }

    [Fact]
    public void Shift_Binds_ThirtyMinuteShiftForbidsTheThirtyFourMinuteTour()
    {
        var type = Truck10 with { MaxShiftMin = 30 };
        var problem = Triangle(Order("A", 1), Order("B", 2), type);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        Assert.Equal(2, plan.Routes.Count);
        Assert.All(plan.Routes, r => Assert.True(r.DurationMin <= 30 + 1e-9));
    }

    [Fact]
    public void PickupAndDelivery_PicksUpFarThenDeliversNear()
    {
        // Depot (0,0), delivery D = L1 (10,0), pickup P = L2 (20,0): depot→P→D→depot = 20+10+10 = 40.
        var (locs, m) = Plane((0, 0), (10, 0), (20, 0));
        var order = new DeliveryOrder("X", PickupLocation: 2, DeliveryLocation: 1, WeightT: 3, VolumeM3: 0, DeliveryWindow: TimeWindow.Always);
        var problem = RoutingProblem.Create(locs, m, [order], [Truck10], [new FleetGroup("truck", 0, 0, 1)]);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        var stops = plan.Routes.Single().Stops;
        Assert.Equal([StopKind.Pickup, StopKind.Delivery], stops.Select(s => s.Kind));
        Assert.Equal(40, plan.TotalCost, 6);
    }

    [Fact]
    public void PickupAndDelivery_CapacityCountsOnlyWhatIsOnBoard()
    {
        // Two 8 t pairs on one 10 t truck: P1 (10,0)→D1 (20,0), then P2 (30,0)→D2 (40,0): never more than 8 t on
        // board, so one vehicle does it all: 40 out + 40 back = 80.
        var (locs, m) = Plane((0, 0), (10, 0), (20, 0), (30, 0), (40, 0));
        var orders = new[]
        {
            new DeliveryOrder("X1", 1, 2, 8, 0, TimeWindow.Always),
            new DeliveryOrder("X2", 3, 4, 8, 0, TimeWindow.Always),
        };
        var problem = RoutingProblem.Create(locs, m, orders, [Truck10], [new FleetGroup("truck", 0, 0, 1)]);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        Assert.Empty(plan.Unserved);
        Assert.Equal(80, plan.TotalCost, 6);
        Assert.True(plan.Routes.Single().Stops.Max(s => s.LoadAfterT) <= 8 + 1e-9);
    }

    [Fact]
    public void HeterogeneousFleet_UsesTheCheapVanWhenItSuffices_AndTheTruckWhenLoadsAreHeavy()
    {
        // Van: 5 t, fixed 0, 1/km. Truck: 20 t, fixed 100, 1/km. One vehicle each.
        var van = new RoutingVehicleType("van", 5, 100, FixedCost: 0, CostPerKm: 1);
        var truck = new RoutingVehicleType("truck", 20, 100, FixedCost: 100, CostPerKm: 1);
        var (locs, m) = Plane((0, 0), (10, 0), (0, 10));
        RoutingProblem Make(double w) => RoutingProblem.Create(locs, m, [Order("A", 1, w), Order("B", 2, w)], [van, truck], [new FleetGroup("van", 0, 0, 1), new FleetGroup("truck", 0, 0, 1)]);

        var light = Make(2); // 4 t fit the van: 34.142
        var lightPlan = DeliveryRouter.Solve(light, Deterministic());
        AssertValid(light, lightPlan);
        Assert.Equal("van", lightPlan.Routes.Single().VehicleTypeId);
        Assert.Equal(20 + Math.Sqrt(200), lightPlan.TotalCost, 6);

        var heavy = Make(4); // 8 t: van takes one (20), truck the other (100 + 20) = 140 < truck alone 134.142? no: 134.142
        var heavyPlan = DeliveryRouter.Solve(heavy, Deterministic());
        AssertValid(heavy, heavyPlan);
        Assert.Equal(100 + 20 + Math.Sqrt(200), heavyPlan.TotalCost, 6);
        Assert.Equal("truck", heavyPlan.Routes.Single().VehicleTypeId);
    }

    [Fact]
    public void MultiDepot_EachOrderIsServedFromTheNearestDepot()
    {
        // Depots at (0,0) and (100,0); orders at (5,0) and (95,0): 10 + 10.
        var (locs, m) = Plane((0, 0), (100, 0), (5, 0), (95, 0));
        var problem = RoutingProblem.Create(locs, m, [Order("W", 2), Order("E", 3)], [Truck10], [new FleetGroup("truck", 0, 0, 1), new FleetGroup("truck", 1, 1, 1)]);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        Assert.Equal(20, plan.TotalCost, 6);
        Assert.Equal(2, plan.Routes.Count);
    }

    [Fact]
    public void OptionalOrder_IsDroppedWhenItsPenaltyIsBelowItsCost_AndServedWhenAbove()
    {
        // Far order at (100,0): round trip 200. Penalty per priority 50: priority 1 → 50 (drop), priority 5 → 250 (serve).
        var (locs, m) = Plane((0, 0), (100, 0));
        RoutingProblem Make(int priority) => RoutingProblem.Create(locs, m, [Order("F", 1) with { Optional = true, Priority = priority }], [Truck10], [new FleetGroup("truck", 0, 0, 1)], dropPenaltyPerPriority: 50);

        var low = Make(1);
        var lowPlan = DeliveryRouter.Solve(low, Deterministic());
        AssertValid(low, lowPlan);
        var dropped = Assert.Single(lowPlan.Unserved);
        Assert.Equal(UnservedReason.Penalty, dropped.Reason);
        Assert.Equal(50, lowPlan.TotalCost, 6);

        var high = Make(5);
        var highPlan = DeliveryRouter.Solve(high, Deterministic());
        AssertValid(high, highPlan);
        Assert.Empty(highPlan.Unserved);
        Assert.Equal(200, highPlan.TotalCost, 6);
    }

    [Fact]
    public void Unserved_OverweightOrder_NamesItsWeightAndTheLargestVehicle()
    {
        var (locs, m) = Plane((0, 0), (10, 0), (0, 10));
        var truck = new RoutingVehicleType("truck", 60, 100);
        var problem = RoutingProblem.Create(locs, m, [Order("O", 1, 70), Order("P", 2, 5)], [truck], [new FleetGroup("truck", 0, 0, 1)]);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        var u = Assert.Single(plan.Unserved);
        Assert.Equal(UnservedReason.Capacity, u.Reason);
        Assert.Equal("order O weighs 70 t, the largest vehicle carries 60 t", u.Explanation);
        Assert.Equal(20, plan.TotalCost, 6);
    }

    [Fact]
    public void Unserved_UnreachableWindow_NamesTheEarliestArrivalAndTheWindowClose()
    {
        // 860 km at 1 km/min: earliest arrival 14:20; the window closes at 12:00 (720 min).
        var (locs, m) = Plane((0, 0), (860, 0));
        var problem = RoutingProblem.Create(locs, m, [Order("W", 1, window: new TimeWindow(0, 720))], [Truck10], [new FleetGroup("truck", 0, 0, 1)]);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        var u = Assert.Single(plan.Unserved);
        Assert.Equal(UnservedReason.TimeWindow, u.Reason);
        Assert.Equal("order W: earliest arrival 14:20 after window close 12:00", u.Explanation);
        Assert.Empty(plan.Routes);
    }

    [Fact]
    public void Unserved_TooLongRoundTrip_NamesTheTripAndTheShift()
    {
        // 570 km each way at 1 km/min: 19 h round trip against a 12 h shift.
        var (locs, m) = Plane((0, 0), (570, 0));
        var problem = RoutingProblem.Create(locs, m, [Order("S", 1)], [Truck10 with { MaxShiftMin = 720 }], [new FleetGroup("truck", 0, 0, 1)]);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        var u = Assert.Single(plan.Unserved);
        Assert.Equal(UnservedReason.Shift, u.Reason);
        Assert.Equal("order S: round trip 19 h exceeds the 12 h shift of truck", u.Explanation);
    }

    [Fact]
    public void Unserved_FleetTooSmallForAllMandatoryOrders_ReportsTheCapacityThatBinds()
    {
        // Two 6 t orders, a single 10 t truck: one must stay behind, and capacity is why.
        var problem = Triangle(Order("A", 1, 6), Order("B", 2, 6), vehicles: 1);
        var plan = DeliveryRouter.Solve(problem, Deterministic());
        AssertValid(problem, plan);
        var u = Assert.Single(plan.Unserved);
        Assert.Equal(UnservedReason.Capacity, u.Reason);
        Assert.Contains("weight capacity", u.Explanation, StringComparison.Ordinal);
        Assert.True(plan.Stats.UsedSoftMandatoryFallback);
    }

    [Theory]
    [InlineData(RoutingSearch.IteratedLocalSearch, false)]
    [InlineData(RoutingSearch.GuidedLocalSearch, false)]
    [InlineData(RoutingSearch.IteratedLocalSearch, true)] // time windows: ruined orders re-inserted in random order
    public void SameSeed_GivesTheSameRoutes(RoutingSearch search, bool windows)
    {
        var problem = Random(11, 40, windows, pairs: false, twoDepots: false, heterogeneous: false, optional: false, shift: false) is var p
            ? RoutingProblem.Create(p.Locations, p.Matrix, p.Orders, [new RoutingVehicleType("small", 15, 100, FixedCost: 20)], [new FleetGroup("small", 0, 0, 12)])
            : throw new InvalidOperationException();
        var options = Deterministic(60, search, seed: 7);

        var first = DeliveryRouter.Solve(problem, options);
        var second = DeliveryRouter.Solve(problem, options);

        AssertValid(problem, first);
        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(first.TotalCost, second.TotalCost);
    }

    [Fact]
    public void Workers_TwoParallelSearches_AreNeverWorseThanTheFirstAlone()
    {
        // Worker 0 of a portfolio is exactly the single search with the same seed; the portfolio keeps the best.
        var p = Random(21, 40, windows: false, pairs: false, twoDepots: false, heterogeneous: false, optional: false, shift: false);
        var problem = RoutingProblem.Create(p.Locations, p.Matrix, p.Orders, [new RoutingVehicleType("small", 15, 100)], [new FleetGroup("small", 0, 0, 12)]);
        var one = DeliveryRouter.Solve(problem, Deterministic(40, seed: 3) with { Workers = 1 });
        var two = DeliveryRouter.Solve(problem, Deterministic(40, seed: 3) with { Workers = 2 });
        var again = DeliveryRouter.Solve(problem, Deterministic(40, seed: 3) with { Workers = 2 });

        AssertValid(problem, one);
        AssertValid(problem, two);
        Assert.Equal(1, one.Stats.Workers);
        Assert.Equal(2, two.Stats.Workers);
        Assert.True(two.TotalCost <= one.TotalCost + 1e-9, $"portfolio {two.TotalCost} > single {one.TotalCost}");
        Assert.Equal(Describe(two), Describe(again));
    }

    [Fact]
    public void CapacityStart_PacksAFleetThatFirstFitDecreasingCannot()
    {
        // 4+4+3+3+3+3 t into two 10 t trucks: first-fit decreasing packs 4+4 and then 3+3+3, leaving a 3 t order
        // out; the only packing is 4+3+3 twice.
        var (locs, m) = Plane((0, 0), (10, 0), (12, 0), (14, 0), (0, 10), (0, 12), (0, 14));
        double[] weights = [4, 4, 3, 3, 3, 3];
        var orders = weights.Select((w, i) => Order($"o{i}", i + 1, w)).ToArray();
        var problem = RoutingProblem.Create(locs, m, orders, [Truck10], [new FleetGroup(Truck10.Id, 0, 0, 2)]);
        Assert.True(CapacityStart.Applies(problem));

        var routes = CapacityStart.Build(problem, Enumerable.Range(0, orders.Length).ToList(), TimeSpan.FromSeconds(10), 1, CancellationToken.None);

        Assert.NotNull(routes);
        Assert.Equal(orders.Length, routes.Sum(r => r.Count));
        Assert.All(routes, r => Assert.Equal(10, r.Sum(v => weights[v.Order]), 6));
        Assert.All(routes, r => Assert.Equal(1, r.Count(v => weights[v.Order] == 4)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TightFleet_TrucksFilledToTheLastTonne_ReachTheBruteForceOptimum(int workers)
    {
        // 20 t of orders for two 10 t trucks (fill 100 %): the soft-capacity and packing searches run, and the plan
        // must still keep every truck within capacity and be optimal.
        var (locs, m) = Plane((0, 0), (10, 0), (12, 3), (14, -2), (0, 10), (3, 12), (-2, 14));
        double[] weights = [4, 4, 3, 3, 3, 3];
        var orders = weights.Select((w, i) => Order($"o{i}", i + 1, w)).ToArray();
        var problem = RoutingProblem.Create(locs, m, orders, [Truck10], [new FleetGroup(Truck10.Id, 0, 0, 2)]);
        double optimum = BruteForceVrp.OptimalCost(problem);

        var plan = DeliveryRouter.Solve(problem, Deterministic(200) with { Workers = workers });

        AssertValid(problem, plan);
        Assert.Empty(plan.Unserved);
        Assert.Equal(optimum, plan.TotalCost, 6);
    }

    [Fact]
    public void CapacityStart_DoesNotApplyWhenTimeBinds()
    {
        var problem = Triangle(Order("A", 1, 1, new TimeWindow(0, 30)), Order("B", 2));
        Assert.False(CapacityStart.Applies(problem));
    }

    [Fact]
    public void Progress_ReportsNonIncreasingBestCosts()
    {
        var problem = Random(12, 30, windows: true, pairs: false, twoDepots: true, heterogeneous: true, optional: true, shift: false);
        var reports = new List<RoutingProgress>();
        var plan = DeliveryRouter.Solve(problem, Deterministic(50), new SynchronousProgress<RoutingProgress>(reports.Add));
        AssertValid(problem, plan);
        Assert.NotEmpty(reports);
        Assert.True(reports.Zip(reports.Skip(1)).All(x => x.Second.BestCost <= x.First.BestCost));
    }

    [Fact]
    public void Cancellation_BeforeTheSolve_Throws()
    {
        var problem = Triangle(Order("A", 1), Order("B", 2));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => DeliveryRouter.Solve(problem, Deterministic(), cancellationToken: cts.Token));
    }

    [Fact]
    public void Cancellation_DuringTheSolve_ReturnsTheBestSolutionSoFar()
    {
        var problem = Random(13, 60, windows: false, pairs: false, twoDepots: false, heterogeneous: false, optional: false, shift: false) is var p
            ? RoutingProblem.Create(p.Locations, p.Matrix, p.Orders, [new RoutingVehicleType("small", 20, 100)], [new FleetGroup("small", 0, 0, 20)])
            : throw new InvalidOperationException();
        using var cts = new CancellationTokenSource();
        int seen = 0;

        // GLS without a solution limit runs to its 300 s limit unless cancellation works.
        var options = new RoutingOptions(TimeSpan.FromSeconds(300), Search: RoutingSearch.GuidedLocalSearch, FirstSolution: FirstSolution.PathCheapestArc);
        var plan = DeliveryRouter.Solve(problem, options, new SynchronousProgress<RoutingProgress>(_ =>
        {
            if (++seen == 5)
            {
                cts.Cancel();
            }
        }), cts.Token);

        AssertValid(problem, plan);
        Assert.Empty(plan.Unserved);
        Assert.True(plan.Stats.WallTimeMs < 120_000, $"search ran {plan.Stats.WallTimeMs} ms after cancellation");
    }

    private static string Describe(DeliveryPlan plan) =>
        string.Join(" | ", plan.Routes.Select(r => r.VehicleId + ":" + string.Join(",", r.Stops.Select(s => s.OrderId + s.Kind.ToString()[0]))));

    private sealed class SynchronousProgress<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
