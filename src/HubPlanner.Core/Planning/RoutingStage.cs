using HubPlanner.Core.Allocation;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Roads;
using HubPlanner.Core.Routing;
using NetTopologySuite.Geometries;
using static HubPlanner.Core.Planning.ReportText;

namespace HubPlanner.Core.Planning;

/// <summary>
/// Moves the allocated equipment and the hubs' supplies from the entry points to the hubs. Every unit of
/// equipment is one order (they travel singly on low-loaders or trucks); supplies travel in loads of
/// <see cref="PlanParameters.SupplyLoadT"/>. Each order is sourced from the entry points that hold the stock,
/// nearest first by road. Vehicles start at their entry point and end at their last delivery (one-way: the
/// return legs are not planned). Travel uses the network open to the heaviest vehicle, so every route is legal
/// for every vehicle.
/// </summary>
internal sealed class RoutingStage
{
    public required IReadOnlyList<PlanRoute> Routes { get; init; }
    public required IReadOnlyList<UnservedOrder> Unserved { get; init; }
    public required StageSummary Summary { get; init; }

    /// <summary>Cost of a pair with no road, km and minutes: far beyond any real leg, finite for the solver.</summary>
    private const double NoRoad = 1e6;

    private sealed record OrderInfo(string Id, string EntryId, string HubId, string TypeId, int Units, double WeightT, double VolumeM3, int Priority);

    public static RoutingStage Run(PlanningProblem problem, RoadStage roads, PlacementStage placement, AllocationStage allocation,
        SolverLimits limits, IProgress<PlanProgress>? progress, CancellationToken ct)
    {
        var hubs = placement.OpenSites;
        if (hubs.Count == 0 || problem.EntryPoints.Count == 0 || problem.VehicleTypes.Count == 0)
        {
            return Empty("no hubs, entry points or vehicles: nothing to route");
        }

        var network = Network.Build(problem.EntryPoints, hubs, roads, ct);
        var (orders, shortfalls) = SourceOrders(problem, network, placement, allocation.Units);
        if (orders.Count == 0)
        {
            return Empty("no order to deliver", shortfalls);
        }

        var routing = BuildProblem(problem, network, orders);
        progress?.Report(new PlanProgress("routing", 0, $"routing {orders.Count} orders with {routing.Vehicles.Count} vehicles"));
        var relay = progress is null ? null : new Progress<RoutingProgress>(x =>
            progress.Report(new PlanProgress("routing", 0.5, $"solution {x.Solutions}", x.BestCost)));
        var plan = DeliveryRouter.Solve(routing, new RoutingOptions(limits.TimeLimit!.Value, SolutionLimit: limits.SolutionLimit, Seed: limits.Seed), relay, ct);
        var check = RouteChecker.Check(routing, plan);

        var byId = orders.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var routes = ToPlanRoutes(plan, routing, network, roads, ct);
        var unserved = plan.Unserved.Select(u => Describe(u, byId[u.OrderId], problem, network)).Concat(shortfalls).ToList();

        string checkNote = check.IsValid ? "checked" : $"CHECKER REJECTED: {string.Join("; ", check.Violations.Take(3))}";
        int delivered = orders.Count - plan.Unserved.Count;
        var status = !check.IsValid ? StageStatus.Failed : delivered == 0 ? StageStatus.NoSolution : StageStatus.Feasible;
        string source = plan.Stats.UsedConstruction ? "construction heuristic" : $"{plan.Stats.Solutions} solutions";
        progress?.Report(new PlanProgress("routing", 1, $"{routes.Count} vehicles used", plan.TotalCost));
        return new RoutingStage
        {
            Routes = routes,
            Unserved = unserved,
            Summary = new StageSummary("routing", status, plan.TotalCost, null, null, 0,
                (delivered == 0 ? "no solution: " : "") +
                $"{delivered} of {orders.Count} orders delivered by {routes.Count} vehicles, " +
                $"{Num(plan.TotalDistanceKm, "0")} km; {unserved.Count} unserved; {source} " +
                $"({plan.Stats.Status}); {checkNote}"),
        };
    }

    /// <summary>
    /// The routing locations: entry points, then hubs, then a virtual end where every route stops (0 km from
    /// anywhere), with road km and minutes between them for the heaviest vehicle.
    /// </summary>
    private sealed class Network
    {
        public required IReadOnlyList<EntryPoint> Entries { get; init; }
        public required IReadOnlyList<Site> Hubs { get; init; }
        public required List<GeoPoint> Points { get; init; }
        public required double[,] Km { get; init; }
        public required double[,] Minutes { get; init; }

        /// <summary>Index of the virtual route end.</summary>
        public int End => Points.Count;

        public static Network Build(IReadOnlyList<EntryPoint> entries, IReadOnlyList<Site> hubs, RoadStage roads, CancellationToken ct)
        {
            var points = entries.Select(e => new GeoPoint(e.Id, e.Name, e.Lon, e.Lat))
                .Concat(hubs.Select(h => new GeoPoint(h.Id, h.Name, h.Lon, h.Lat))).ToList();
            var matrix = roads.Travel.Compute(points, points, roads.Heaviest, ct);
            int n = points.Count;
            var km = new double[n + 1, n + 1];
            var min = new double[n + 1, n + 1];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    km[i, j] = matrix.IsReachable(i, j) ? matrix.Metres(i, j) / 1000 : NoRoad;
                    min[i, j] = matrix.IsReachable(i, j) ? matrix.Seconds(i, j) / 60 : NoRoad;
                }
            }

            return new Network { Entries = entries, Hubs = hubs, Points = points, Km = km, Minutes = min };
        }

        public int EntryIndex(string id) => Entries.ToList().FindIndex(e => e.Id == id);

        public int HubIndex(string id) => Entries.Count + Hubs.ToList().FindIndex(h => h.Id == id);
    }

    /// <summary>Orders for the allocated equipment (one per unit) and the hubs' supplies (one per load), sourced
    /// nearest-first from the stock at the entry points; what no entry point holds is a shortfall.</summary>
    private static (List<OrderInfo> Orders, List<UnservedOrder> Shortfalls) SourceOrders(PlanningProblem problem, Network network,
        PlacementStage placement, IReadOnlyList<HubAllocation> units)
    {
        var p = problem.Parameters;
        var entries = network.Entries;
        var stock = problem.Inventory.Where(i => entries.Any(e => e.Id == i.HolderId))
            .ToDictionary(i => (i.HolderId, i.EquipmentTypeId), i => i.Quantity);
        var orders = new List<OrderInfo>();
        var shortfalls = new List<UnservedOrder>();

        void Source(string hubId, EquipmentType type, int units, int priority, int unitsPerOrder)
        {
            int hub = network.HubIndex(hubId);
            var sources = entries.Where(e => stock.GetValueOrDefault((e.Id, type.Id)) > 0)
                .OrderBy(e => network.Minutes[network.EntryIndex(e.Id), hub]).ToList();
            int left = units;
            foreach (var e in sources)
            {
                while (left > 0 && stock[(e.Id, type.Id)] > 0)
                {
                    int take = Math.Min(Math.Min(left, unitsPerOrder), stock[(e.Id, type.Id)]);
                    stock[(e.Id, type.Id)] -= take;
                    left -= take;
                    orders.Add(new OrderInfo($"{type.Id}-{hubId}-{orders.Count + 1}", e.Id, hubId, type.Id, take, take * type.WeightT,
                        take * type.VolumeM3, priority));
                }
            }

            if (left > 0)
            {
                shortfalls.Add(new UnservedOrder($"{type.Id}-{hubId}-short", $"{left} × {type.Name} for {network.Hubs.First(h => h.Id == hubId).Name}",
                    $"stock: the entry points hold no more {type.Name} ({units - left} of {units} sourced)"));
            }
        }

        var typeById = problem.EquipmentTypes.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var u in units.OrderBy(u => u.HubId, StringComparer.Ordinal).ThenBy(u => u.TypeId, StringComparer.Ordinal))
        {
            Source(u.HubId, typeById[u.TypeId], u.Units, priority: 3, unitsPerOrder: 1);
        }

        var supplies = problem.EquipmentTypes.FirstOrDefault(t => t.Category == EquipmentCategory.Supplies);
        if (supplies is not null && p.SupplyDays > 0)
        {
            foreach (var hub in network.Hubs)
            {
                double demandT = placement.Assignments.Where(a => a.SiteId == hub.Id)
                    .Sum(a => problem.DemandPoints.First(d => d.Id == a.DemandId).DemandT) * p.SupplyDays;
                int count = (int)Math.Ceiling(demandT / supplies.WeightT - 1e-9);
                if (count > 0)
                {
                    int perLoad = Math.Max(1, (int)Math.Floor(p.SupplyLoadT / supplies.WeightT));
                    Source(hub.Id, supplies, count, priority: 1, unitsPerOrder: perLoad);
                }
            }
        }

        return (orders, shortfalls);
    }

    /// <summary>The vehicle-routing instance: optional pickup-and-delivery orders within the horizon, the fleet at its
    /// entry points, every route ending at the virtual end.</summary>
    private static RoutingProblem BuildProblem(PlanningProblem problem, Network network, IReadOnlyList<OrderInfo> orders)
    {
        var p = problem.Parameters;
        var locations = network.Points.Select((pt, i) => new RoutingLocation(i, pt.Id, pt.Name))
            .Append(new RoutingLocation(network.End, "route-end", "(route end)")).ToList();
        var deliveryOrders = orders.Select(o => new DeliveryOrder(o.Id, network.EntryIndex(o.EntryId), network.HubIndex(o.HubId), o.WeightT, o.VolumeM3,
            new TimeWindow(0, p.HorizonH * 60), DeliveryServiceMin: 30, PickupServiceMin: 30, Priority: o.Priority, Optional: true)).ToList();
        var types = problem.VehicleTypes.Select(v => new RoutingVehicleType(v.Id, v.CapacityT, v.CapacityM3, v.SpeedFactor, v.FixedCost,
            v.CostPerKm, v.ShiftHours * 60 * p.Crews)).ToList();
        var fleet = problem.Fleet.Where(f => f.Count > 0)
            .Select(f => new FleetGroup(f.VehicleTypeId, network.EntryIndex(f.EntryPointId), network.End, f.Count)).ToList();
        return RoutingProblem.Create(locations, RoutingMatrix.Create(network.Km, network.Minutes), deliveryOrders, types, fleet,
            horizonMin: p.HorizonH * 60, dropPenaltyPerPriority: 100_000);
    }

    /// <summary>The report's routes: stops by name, and a LineString along the road legs between consecutive stops
    /// (each leg routed once).</summary>
    private static List<PlanRoute> ToPlanRoutes(DeliveryPlan plan, RoutingProblem routing, Network network, RoadStage roads, CancellationToken ct)
    {
        var points = network.Points;
        var cache = new Dictionary<(int, int), LineString>();
        LineString Leg(int a, int b)
        {
            if (!cache.TryGetValue((a, b), out var line))
            {
                line = roads.Route(points[a], points[b], ct).Geometry;
                cache[(a, b)] = line;
            }

            return line;
        }

        var routes = new List<PlanRoute>();
        foreach (var r in plan.Routes)
        {
            var vehicle = routing.Vehicles[r.VehicleIndex];
            var stops = r.Stops.Select(s => new RouteStop(points[s.Location].Id, points[s.Location].Name,
                s.Kind == StopKind.Pickup ? "pickup" : "delivery", s.OrderId, s.LoadAfterT, s.ArrivalMin)).ToList();
            var path = new List<int> { vehicle.StartLocation };
            path.AddRange(r.Stops.Select(s => s.Location));
            var coords = new List<Coordinate>();
            for (int k = 1; k < path.Count; k++)
            {
                if (path[k] == path[k - 1])
                {
                    continue;
                }

                var leg = Leg(path[k - 1], path[k]).Coordinates;
                coords.AddRange(coords.Count == 0 ? leg : leg.Skip(1));
            }

            if (coords.Count < 2)
            {
                var at = points[vehicle.StartLocation];
                coords = [new Coordinate(at.Lon, at.Lat), new Coordinate(at.Lon, at.Lat)];
            }

            routes.Add(new PlanRoute(r.VehicleId, r.VehicleTypeId, points[vehicle.StartLocation].Id, stops, r.DistanceKm,
                r.DurationMin / 60, r.Cost, GeoFactory.Wgs84.CreateLineString(coords.ToArray())));
        }

        return routes;
    }

    /// <summary>An order the search dropped, described for the report.</summary>
    private static UnservedOrder Describe(DroppedOrder dropped, OrderInfo o, PlanningProblem problem, Network network)
    {
        var type = problem.EquipmentTypes.First(t => t.Id == o.TypeId);
        string what = $"{o.Units} × {type.Name} ({Num(o.WeightT, "0.#")} t) from {network.Entries.First(e => e.Id == o.EntryId).Name} " +
                      $"to {network.Hubs.First(h => h.Id == o.HubId).Name}";
        return new UnservedOrder(dropped.OrderId, what, $"{dropped.Reason.ToString().ToLowerInvariant()}: {dropped.Explanation}");
    }

    private static RoutingStage Empty(string why, IReadOnlyList<UnservedOrder>? unserved = null) => new()
    {
        Routes = [],
        Unserved = unserved ?? [],
        Summary = new StageSummary("routing", StageStatus.Skipped, null, null, null, 0, why),
    };
}
