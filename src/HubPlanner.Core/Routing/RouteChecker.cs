using System.Globalization;

namespace HubPlanner.Core.Routing;

/// <summary>The verdict of <see cref="RouteChecker"/>: valid, or every violation found, one sentence each.</summary>
public sealed record RouteCheckResult(IReadOnlyList<string> Violations, double RecomputedCost)
{
    /// <summary>True if no violation was found.</summary>
    public bool IsValid => Violations.Count == 0;
}

/// <summary>
/// Re-verifies a <see cref="DeliveryPlan"/> from the <see cref="RoutingProblem"/> alone, sharing no code with the
/// solver: every order served once or reported unserved, loads within capacity along each route, the reported
/// schedule (from the reported departure, with waiting) inside every window, pickups before deliveries on the same
/// vehicle, shift and horizon, and the recomputed distance and cost equal to the reported ones.
/// </summary>
public static class RouteChecker
{
    /// <summary>Checks <paramref name="plan"/> against <paramref name="problem"/>.</summary>
    /// <param name="tolerance">Absolute slack on times, loads and distances; cost is compared relatively as well.</param>
    public static RouteCheckResult Check(RoutingProblem problem, DeliveryPlan plan, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<string>();
        void Add(FormattableString s) => errors.Add(s.ToString(CultureInfo.InvariantCulture));

        var orderIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < problem.Orders.Count; i++)
        {
            orderIndex[problem.Orders[i].Id] = i;
        }

        var pickups = new int[problem.Orders.Count];
        var deliveries = new int[problem.Orders.Count];
        var unservedCount = new int[problem.Orders.Count];
        var vehicleUsed = new bool[problem.Vehicles.Count];
        double totalCost = 0, totalDistance = 0;

        foreach (var route in plan.Routes)
        {
            if (route.VehicleIndex < 0 || route.VehicleIndex >= problem.Vehicles.Count)
            {
                Add($"route of vehicle index {route.VehicleIndex}: no such vehicle");
                continue;
            }

            var vehicle = problem.Vehicles[route.VehicleIndex];
            var type = vehicle.Type;
            if (vehicleUsed[route.VehicleIndex])
            {
                Add($"vehicle {vehicle.Id} has more than one route");
            }

            vehicleUsed[route.VehicleIndex] = true;
            if (!string.Equals(route.VehicleId, vehicle.Id, StringComparison.Ordinal))
            {
                Add($"route of vehicle index {route.VehicleIndex} names vehicle {route.VehicleId}, expected {vehicle.Id}");
            }

            // Load on departure: everything this route delivers without a pickup stop.
            double weight = 0, volume = 0;
            foreach (var s in route.Stops)
            {
                if (orderIndex.TryGetValue(s.OrderId, out int oi) && problem.Orders[oi].PickupLocation is null)
                {
                    weight += problem.Orders[oi].WeightT;
                    volume += problem.Orders[oi].VolumeM3;
                }
            }

            if (weight > type.CapacityT + tolerance)
            {
                Add($"vehicle {vehicle.Id} leaves with {weight} t, capacity {type.CapacityT} t");
            }

            if (volume > type.CapacityM3 + tolerance)
            {
                Add($"vehicle {vehicle.Id} leaves with {volume} m³, capacity {type.CapacityM3} m³");
            }

            if (route.DepartureMin < -tolerance)
            {
                Add($"vehicle {vehicle.Id} departs at {route.DepartureMin} min, before the plan starts");
            }

            var pickedOnThisRoute = new HashSet<int>();
            double clock = route.DepartureMin, km = 0;
            int at = vehicle.StartLocation;
            foreach (var s in route.Stops)
            {
                if (!orderIndex.TryGetValue(s.OrderId, out int oi))
                {
                    Add($"vehicle {vehicle.Id} visits unknown order {s.OrderId}");
                    continue;
                }

                var order = problem.Orders[oi];
                int expectedLocation;
                TimeWindow window;
                double service;
                if (s.Kind == StopKind.Pickup)
                {
                    if (order.PickupLocation is not int p)
                    {
                        Add($"order {order.Id} has no pickup stop but vehicle {vehicle.Id} picks it up");
                        continue;
                    }

                    pickups[oi]++;
                    pickedOnThisRoute.Add(oi);
                    expectedLocation = p;
                    window = order.PickupWindow ?? new TimeWindow(0, double.PositiveInfinity);
                    service = order.PickupServiceMin;
                }
                else
                {
                    deliveries[oi]++;
                    if (order.PickupLocation.HasValue && !pickedOnThisRoute.Contains(oi))
                    {
                        Add($"order {order.Id} is delivered by vehicle {vehicle.Id} before (or without) its pickup on that vehicle");
                    }

                    expectedLocation = order.DeliveryLocation;
                    window = order.DeliveryWindow;
                    service = order.DeliveryServiceMin;
                }

                if (s.Location != expectedLocation)
                {
                    Add($"order {order.Id}: {s.Kind} stop at location {s.Location}, expected {expectedLocation}");
                }

                km += problem.Matrix.DistanceKm(at, expectedLocation);
                clock += problem.Matrix.TimeMin(at, expectedLocation) / type.SpeedFactor;
                double begin = Math.Max(clock, window.EarliestMin);
                if (begin > window.LatestMin + tolerance)
                {
                    Add($"order {order.Id}: {s.Kind} by vehicle {vehicle.Id} starts at {begin:0.###} min, after its window closes at {window.LatestMin:0.###} min");
                }

                if (Math.Abs(begin - s.ServiceStartMin) > tolerance * Math.Max(1, Math.Abs(begin)))
                {
                    Add($"order {order.Id}: reported service start {s.ServiceStartMin:0.###} min, recomputed {begin:0.###} min");
                }

                clock = begin + service;
                at = expectedLocation;

                if (s.Kind == StopKind.Pickup)
                {
                    weight += order.WeightT;
                    volume += order.VolumeM3;
                }
                else
                {
                    weight -= order.WeightT;
                    volume -= order.VolumeM3;
                }

                if (weight > type.CapacityT + tolerance)
                {
                    Add($"vehicle {vehicle.Id} carries {weight} t after order {order.Id}, capacity {type.CapacityT} t");
                }

                if (volume > type.CapacityM3 + tolerance)
                {
                    Add($"vehicle {vehicle.Id} holds {volume} m³ after order {order.Id}, capacity {type.CapacityM3} m³");
                }
            }

            km += problem.Matrix.DistanceKm(at, vehicle.EndLocation);
            clock += problem.Matrix.TimeMin(at, vehicle.EndLocation) / type.SpeedFactor;
            if (clock > problem.HorizonMin + tolerance)
            {
                Add($"vehicle {vehicle.Id} returns at {clock:0.###} min, after the horizon {problem.HorizonMin:0.###} min");
            }

            if (type.MaxShiftMin is double shift && clock - route.DepartureMin > shift + tolerance)
            {
                Add($"vehicle {vehicle.Id} works {clock - route.DepartureMin:0.###} min, more than its {shift:0.###} min shift");
            }

            if (Math.Abs(km - route.DistanceKm) > tolerance * Math.Max(1, km))
            {
                Add($"vehicle {vehicle.Id}: reported {route.DistanceKm:0.###} km, recomputed {km:0.###} km");
            }

            double cost = route.Stops.Count == 0 ? 0 : type.FixedCost + (type.CostPerKm * km);
            if (Math.Abs(cost - route.Cost) > tolerance * Math.Max(1, cost))
            {
                Add($"vehicle {vehicle.Id}: reported cost {route.Cost:0.###}, recomputed {cost:0.###}");
            }

            totalCost += cost;
            totalDistance += km;
        }

        foreach (var u in plan.Unserved)
        {
            if (!orderIndex.TryGetValue(u.OrderId, out int oi))
            {
                Add($"unserved order {u.OrderId} does not exist");
                continue;
            }

            unservedCount[oi]++;
            if (string.IsNullOrWhiteSpace(u.Explanation))
            {
                Add($"unserved order {u.OrderId} has no explanation");
            }

            if (problem.Orders[oi].Optional)
            {
                totalCost += problem.Orders[oi].Priority * problem.DropPenaltyPerPriority;
            }
        }

        for (int i = 0; i < problem.Orders.Count; i++)
        {
            var o = problem.Orders[i];
            int expectedPickups = o.PickupLocation.HasValue ? 1 : 0;
            bool served = deliveries[i] == 1 && pickups[i] == expectedPickups;
            if (unservedCount[i] > 1 || (unservedCount[i] == 1 && (deliveries[i] > 0 || pickups[i] > 0)))
            {
                Add($"order {o.Id} is reported unserved {unservedCount[i]} time(s) and visited {deliveries[i] + pickups[i]} time(s)");
            }
            else if (unservedCount[i] == 0 && !served)
            {
                Add($"order {o.Id}: {pickups[i]} pickup(s) and {deliveries[i]} delivery(ies), expected {expectedPickups} and 1, and it is not reported unserved");
            }
        }

        if (Math.Abs(totalCost - plan.TotalCost) > tolerance * Math.Max(1, Math.Abs(totalCost)))
        {
            Add($"reported total cost {plan.TotalCost:0.###}, recomputed {totalCost:0.###}");
        }

        if (Math.Abs(totalDistance - plan.TotalDistanceKm) > tolerance * Math.Max(1, totalDistance))
        {
            Add($"reported total distance {plan.TotalDistanceKm:0.###} km, recomputed {totalDistance:0.###} km");
        }

        return new RouteCheckResult(errors, totalCost);
    }
}
