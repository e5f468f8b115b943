using HubPlanner.Core.Allocation;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Roads;
using HubPlanner.Core.Routing;
using NetTopologySuite.Geometries;
using static HubPlanner.Core.Planning.PlanPipeline;
using RoutingMatrix = HubPlanner.Core.Routing.TravelMatrix;

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

    private sealed record OrderInfo(string Id, string EntryId, string HubId, string TypeId, int Units, double WeightT, double VolumeM3, int Priority);

    public static RoutingStage Run(PlanningProblem problem, RoadStage roads, PlacementStage placement, AllocationStage allocation,
        PlanRunOptions options, IProgress<PlanProgress>? progress, CancellationToken ct)
    {
        var p = problem.Parameters;
        var hubs = placement.OpenSites;
        var entries = problem.EntryPoints;
        if (hubs.Count == 0 || entries.Count == 0 || problem.VehicleTypes.Count == 0)
        {
            return Empty("no hubs, entry points or vehicles: nothing to route");
        }

        // Locations: entry points, then hubs, then a virtual end where every route stops (0 km from anywhere).
        var points = entries.Select(e => new GeoPoint(e.Id, e.Name, e.Lon, e.Lat))
            .Concat(hubs.Select(h => new GeoPoint(h.Id, h.Name, h.Lon, h.Lat))).ToList();
        var matrix = roads.Travel.Compute(points, points, roads.Heaviest, ct);
        int n = points.Count, end = n;
        var km = new double[n + 1, n + 1];
        var min = new double[n + 1, n + 1];
        const double NoRoad = 1e6;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                km[i, j] = matrix.IsReachable(i, j) ? matrix.Metres(i, j) / 1000 : NoRoad;
                min[i, j] = matrix.IsReachable(i, j) ? matrix.Seconds(i, j) / 60 : NoRoad;
            }
        }

        int EntryIndex(string id) => entries.ToList().FindIndex(e => e.Id == id);
        int HubIndex(string id) => entries.Count + hubs.ToList().FindIndex(h => h.Id == id);

        // Orders, sourced nearest-first from the stock at the entry points.
        var stock = problem.Inventory.Where(i => entries.Any(e => e.Id == i.HolderId))
            .ToDictionary(i => (i.HolderId, i.EquipmentTypeId), i => i.Quantity);
        var orders = new List<OrderInfo>();
        var shortfalls = new List<UnservedOrder>();

        void Source(string hubId, EquipmentType type, int units, int priority, int unitsPerOrder)
        {
            int hub = HubIndex(hubId);
            var sources = entries.Where(e => stock.GetValueOrDefault((e.Id, type.Id)) > 0)
                .OrderBy(e => min[EntryIndex(e.Id), hub]).ToList();
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
                shortfalls.Add(new UnservedOrder($"{type.Id}-{hubId}-short", $"{left} × {type.Name} for {hubs.First(h => h.Id == hubId).Name}",
                    $"stock: the entry points hold no more {type.Name} ({units - left} of {units} sourced)"));
            }
        }

        var typeById = problem.EquipmentTypes.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var u in allocation.Units.OrderBy(u => u.HubId, StringComparer.Ordinal).ThenBy(u => u.TypeId, StringComparer.Ordinal))
        {
            Source(u.HubId, typeById[u.TypeId], u.Units, priority: 3, unitsPerOrder: 1);
        }

        var supplies = problem.EquipmentTypes.FirstOrDefault(t => t.Category == EquipmentCategory.Supplies);
        if (supplies is not null && p.SupplyDays > 0)
        {
            foreach (var hub in hubs)
            {
                double demandT = placement.Assignments.Where(a => a.SiteId == hub.Id)
                    .Sum(a => problem.DemandPoints.First(d => d.Id == a.DemandId).DemandT) * p.SupplyDays;
                int units = (int)Math.Ceiling(demandT / supplies.WeightT - 1e-9);
                if (units > 0)
                {
                    int perLoad = Math.Max(1, (int)Math.Floor(p.SupplyLoadT / supplies.WeightT));
                    Source(hub.Id, supplies, units, priority: 1, unitsPerOrder: perLoad);
                }
            }
        }

        if (orders.Count == 0)
        {
            return Empty("no order to deliver", shortfalls);
        }

        var locations = points.Select((pt, i) => new RoutingLocation(i, pt.Id, pt.Name))
            .Append(new RoutingLocation(end, "route-end", "(route end)")).ToList();
        var deliveryOrders = orders.Select(o => new DeliveryOrder(o.Id, EntryIndex(o.EntryId), HubIndex(o.HubId), o.WeightT, o.VolumeM3,
            new TimeWindow(0, p.HorizonH * 60), DeliveryServiceMin: 30, PickupServiceMin: 30, Priority: o.Priority, Optional: true)).ToList();
        var types = problem.VehicleTypes.Select(v => new RoutingVehicleType(v.Id, v.CapacityT, v.CapacityM3, v.SpeedFactor, v.FixedCost,
            v.CostPerKm, v.ShiftHours * 60 * p.Crews)).ToList();
        var fleet = problem.Fleet.Where(f => f.Count > 0)
            .Select(f => new FleetGroup(f.VehicleTypeId, EntryIndex(f.EntryPointId), end, f.Count)).ToList();
        var routing = RoutingProblem.Create(locations, RoutingMatrix.Create(km, min), deliveryOrders, types, fleet,
            horizonMin: p.HorizonH * 60, dropPenaltyPerPriority: 100_000);

        progress?.Report(new PlanProgress("routing", 0, $"routing {orders.Count} orders with {fleet.Sum(f => f.Count)} vehicles"));
        var relay = progress is null ? null : new Progress<RoutingProgress>(x =>
            progress.Report(new PlanProgress("routing", 0.5, $"solution {x.Solutions}", x.BestCost)));
        var routingOptions = options.Deterministic
            ? new RoutingOptions(TimeSpan.FromSeconds(Math.Max(60, p.RoutingTimeLimitS)), SolutionLimit: 30, Seed: p.Seed)
            : new RoutingOptions(Limit(p.RoutingTimeLimitS, options, p), Seed: p.Seed);
        var plan = DeliveryRouter.Solve(routing, routingOptions, relay, ct);
        var check = RouteChecker.Check(routing, plan);

        // Geometry: the road route between consecutive stops, cached per pair.
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

        var byId = orders.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var routes = new List<PlanRoute>();
        foreach (var r in plan.Routes)
        {
            var vehicle = routing.Vehicles[r.VehicleIndex];
            var stops = r.Stops.Select(s =>
            {
                var o = byId[s.OrderId];
                return new RouteStop(points[s.Location].Id, points[s.Location].Name, s.Kind == StopKind.Pickup ? "pickup" : "delivery",
                    s.OrderId, s.LoadAfterT, s.ArrivalMin);
            }).ToList();
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

        var unserved = plan.Unserved.Select(u =>
        {
            var o = byId[u.OrderId];
            string what = $"{o.Units} × {typeById[o.TypeId].Name} ({Num(o.WeightT, "0.#")} t) from {entries.First(e => e.Id == o.EntryId).Name} " +
                          $"to {hubs.First(h => h.Id == o.HubId).Name}";
            return new UnservedOrder(u.OrderId, what, $"{u.Reason.ToString().ToLowerInvariant()}: {u.Explanation}");
        }).Concat(shortfalls).ToList();

        string checkNote = check.IsValid ? "checked" : $"CHECKER REJECTED: {string.Join("; ", check.Violations.Take(3))}";
        progress?.Report(new PlanProgress("routing", 1, $"{routes.Count} vehicles used", plan.TotalCost));
        return new RoutingStage
        {
            Routes = routes,
            Unserved = unserved,
            Summary = new StageSummary("routing", !check.IsValid ? StageStatus.Failed : StageStatus.Feasible, plan.TotalCost, null, null, 0,
                $"{orders.Count - plan.Unserved.Count} of {orders.Count} orders delivered by {routes.Count} vehicles, " +
                $"{Num(plan.TotalDistanceKm, "0")} km; {unserved.Count} unserved; {plan.Stats.Solutions} solutions " +
                $"({plan.Stats.Status}); {checkNote}"),
        };
    }

    private static RoutingStage Empty(string why, IReadOnlyList<UnservedOrder>? unserved = null) => new()
    {
        Routes = [],
        Unserved = unserved ?? [],
        Summary = new StageSummary("routing", StageStatus.Skipped, null, null, null, 0, why),
    };
}
