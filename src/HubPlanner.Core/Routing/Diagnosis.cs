namespace HubPlanner.Core.Routing;

/// <summary>Explains why an order cannot be served: alone before the solve, and in the final routes after it.</summary>
internal static class Diagnosis
{
    /// <summary>Returns why order <paramref name="orderIndex"/> cannot be served even by a vehicle doing nothing else, or null if some vehicle can.</summary>
    public static DroppedOrder? CheckAlone(RoutingProblem problem, int orderIndex)
    {
        var o = problem.Orders[orderIndex];
        if (problem.Vehicles.Count == 0)
        {
            return new DroppedOrder(o.Id, UnservedReason.NoVehicle, $"order {o.Id}: the fleet has no vehicle");
        }

        double maxT = problem.Vehicles.Max(v => v.Type.CapacityT);
        if (o.WeightT > maxT + 1e-9)
        {
            return new DroppedOrder(o.Id, UnservedReason.Capacity, DeliveryRouter.Invariant($"order {o.Id} weighs {o.WeightT:0.##} t, the largest vehicle carries {maxT:0.##} t"));
        }

        double maxM3 = problem.Vehicles.Max(v => v.Type.CapacityM3);
        if (o.VolumeM3 > maxM3 + 1e-9)
        {
            return new DroppedOrder(o.Id, UnservedReason.Capacity, DeliveryRouter.Invariant($"order {o.Id} takes {o.VolumeM3:0.##} m³, the largest vehicle holds {maxM3:0.##} m³"));
        }

        var visits = o.IsPickupAndDelivery
            ? new[] { new Visit(orderIndex, StopKind.Pickup), new Visit(orderIndex, StopKind.Delivery) }
            : new[] { new Visit(orderIndex, StopKind.Delivery) };
        var failures = new List<(RoutingVehicle Vehicle, SimulatedRoute Route)>();
        foreach (var vehicle in DistinctVehicles(problem))
        {
            var sim = RouteSimulator.Simulate(problem, vehicle, visits);
            if (sim.Feasible)
            {
                return null;
            }

            failures.Add((vehicle, sim));
        }

        // Name the constraint that binds on the vehicles that could carry the order; time windows first, because
        // a late arrival also makes the shift and horizon look long.
        var carriers = failures.Where(f => f.Route.Violation is not Violation.Weight and not Violation.Volume).ToList();
        if (carriers.Count == 0)
        {
            var f = failures[0];
            return new DroppedOrder(o.Id, UnservedReason.Capacity, $"order {o.Id}: no vehicle type can carry it: {f.Route.Message}");
        }

        var window = carriers.Where(f => f.Route.Violation == Violation.TimeWindow).ToList();
        if (window.Count == carriers.Count)
        {
            // Report the vehicle that comes closest to the window.
            var w = window.MinBy(f => LatenessOf(problem, o, f.Route))!;
            return new DroppedOrder(o.Id, UnservedReason.TimeWindow, w.Route.Message);
        }

        var rest = carriers.Where(f => f.Route.Violation != Violation.TimeWindow).ToList();
        var best = rest.MinBy(f => f.Route.ReturnMin - f.Route.DepartureMin)!;
        return new DroppedOrder(o.Id, UnservedReason.Shift, $"order {o.Id}: {best.Route.Message}");
    }

    /// <summary>Explains why the search left order <paramref name="orderIndex"/> out of <paramref name="routes"/>.</summary>
    public static DroppedOrder ExplainDrop(RoutingProblem problem, int orderIndex, List<Visit>[] routes)
    {
        var o = problem.Orders[orderIndex];
        var counts = new Dictionary<Violation, int>();
        string? example = null;
        double cheapest = double.PositiveInfinity;
        for (int v = 0; v < routes.Length; v++)
        {
            var vehicle = problem.Vehicles[v];
            var route = routes[v];
            double before = route.Count == 0 ? 0 : RouteSimulator.Simulate(problem, vehicle, route).Cost;
            Violation firstViolation = Violation.None;
            string? firstMessage = null;
            bool anyFeasible = false;
            foreach (var candidate in Insertions(orderIndex, o.IsPickupAndDelivery, route))
            {
                var sim = RouteSimulator.Simulate(problem, vehicle, candidate);
                if (sim.Feasible)
                {
                    anyFeasible = true;
                    cheapest = Math.Min(cheapest, sim.Cost - before);
                }
                else if (firstViolation == Violation.None || Rank(sim.Violation) < Rank(firstViolation))
                {
                    firstViolation = sim.Violation;
                    firstMessage = sim.Message;
                }
            }

            if (!anyFeasible && firstViolation != Violation.None)
            {
                counts[firstViolation] = counts.GetValueOrDefault(firstViolation) + 1;
                example ??= firstMessage;
            }
        }

        if (!double.IsPositiveInfinity(cheapest))
        {
            if (o.Optional)
            {
                return new DroppedOrder(o.Id, UnservedReason.Penalty, DeliveryRouter.Invariant($"order {o.Id}: serving it would add at least {cheapest:0.##} to the cost, more than its drop penalty {problem.DropPenalty(o):0.##}"));
            }

            return new DroppedOrder(o.Id, UnservedReason.Other, DeliveryRouter.Invariant($"order {o.Id}: the search left it out although it fits a route (+{cheapest:0.##} cost)"));
        }

        if (counts.Count == 0)
        {
            return new DroppedOrder(o.Id, UnservedReason.Other, $"order {o.Id}: no route could take it");
        }

        var main = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => Rank(kv.Key)).First().Key;
        var reason = main switch
        {
            Violation.Weight or Violation.Volume => UnservedReason.Capacity,
            Violation.TimeWindow => UnservedReason.TimeWindow,
            Violation.Shift or Violation.Horizon => UnservedReason.Shift,
            _ => UnservedReason.Other,
        };
        string summary = string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => DeliveryRouter.Invariant($"{Describe(kv.Key)} on {kv.Value} route(s)")));
        return new DroppedOrder(o.Id, reason, $"order {o.Id}: no vehicle can fit it in: {summary} (e.g. {example})");
    }

    private static IEnumerable<List<Visit>> Insertions(int order, bool paired, List<Visit> route)
    {
        int n = route.Count;
        if (!paired)
        {
            for (int i = 0; i <= n; i++)
            {
                var r = new List<Visit>(route);
                r.Insert(i, new Visit(order, StopKind.Delivery));
                yield return r;
            }

            yield break;
        }

        for (int i = 0; i <= n; i++)
        {
            for (int j = i; j <= n; j++)
            {
                var r = new List<Visit>(route);
                r.Insert(j, new Visit(order, StopKind.Delivery));
                r.Insert(i, new Visit(order, StopKind.Pickup));
                yield return r;
            }
        }
    }

    private static int Rank(Violation v) => v switch
    {
        Violation.Weight => 0,
        Violation.Volume => 1,
        Violation.TimeWindow => 2,
        Violation.Shift => 3,
        Violation.Horizon => 4,
        _ => 5,
    };

    private static string Describe(Violation v) => v switch
    {
        Violation.Weight => "weight capacity",
        Violation.Volume => "volume capacity",
        Violation.TimeWindow => "a time window",
        Violation.Shift => "the shift length",
        Violation.Horizon => "the planning horizon",
        _ => "pairing",
    };

    private static double LatenessOf(RoutingProblem problem, DeliveryOrder o, SimulatedRoute route)
    {
        _ = problem;
        int last = route.ServiceStart.Length - 1;
        return route.ServiceStart[last] - o.DeliveryWindow.LatestMin;
    }

    private static IEnumerable<RoutingVehicle> DistinctVehicles(RoutingProblem problem) =>
        problem.Vehicles.GroupBy(v => (v.Type.Id, v.StartLocation, v.EndLocation)).Select(g => g.First());
}
