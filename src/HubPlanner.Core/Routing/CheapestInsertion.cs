namespace HubPlanner.Core.Routing;

/// <summary>
/// The construction solution every solve starts from and never falls below: orders are taken by priority, then
/// weight (heaviest first), and each is inserted where it adds the least cost over every vehicle and position that
/// stays feasible (<see cref="RouteSimulator"/>: capacity, windows, shift, horizon, pickup before delivery). An
/// optional order is left out when every insertion costs more than its drop penalty. No OR-Tools search is
/// involved, so a 1-second or loaded solve still delivers what this greedy pass can.
/// </summary>
internal static class CheapestInsertion
{
    /// <summary>Routes longer than this try the pickup of a pickup-and-delivery order only at every position, its
    /// delivery only within <see cref="DeliveryReach"/> stops after it, or at the end (bounds the work per order).</summary>
    private const int FullPairSearchUpTo = 24;

    private const int DeliveryReach = 6;

    /// <summary>Routes for the <paramref name="orders"/> (indices into the problem's orders); those no feasible
    /// insertion could take are simply absent. Stops early, with what it has, when <paramref name="cancellationToken"/>
    /// is cancelled.</summary>
    public static List<Visit>[] Build(RoutingProblem problem, IReadOnlyList<int> orders, CancellationToken cancellationToken)
    {
        int nVeh = problem.Vehicles.Count;
        var routes = Enumerable.Range(0, nVeh).Select(_ => new List<Visit>()).ToArray();
        var costs = new double[nVeh];
        var sequence = orders
            .OrderByDescending(i => problem.Orders[i].Priority)
            .ThenByDescending(i => problem.Orders[i].WeightT)
            .ThenBy(i => i)
            .ToList();

        foreach (int order in sequence)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var o = problem.Orders[order];
            double bestDelta = o.Optional ? problem.DropPenalty(o) : double.PositiveInfinity;
            int bestVehicle = -1;
            List<Visit>? bestRoute = null;
            double bestCost = 0;
            var triedEmpty = new HashSet<(string, int, int)>();
            for (int v = 0; v < nVeh; v++)
            {
                var vehicle = problem.Vehicles[v];
                // Unused vehicles of the same type and depots are interchangeable: try the first one only.
                if (routes[v].Count == 0 && !triedEmpty.Add((vehicle.Type.Id, vehicle.StartLocation, vehicle.EndLocation)))
                {
                    continue;
                }

                foreach (var candidate in Insertions(routes[v], order, o.IsPickupAndDelivery))
                {
                    var sim = RouteSimulator.Simulate(problem, vehicle, candidate);
                    if (!sim.Feasible)
                    {
                        continue;
                    }

                    double delta = sim.Cost - costs[v];
                    if (delta < bestDelta - 1e-9)
                    {
                        bestDelta = delta;
                        bestVehicle = v;
                        bestRoute = candidate;
                        bestCost = sim.Cost;
                    }
                }
            }

            if (bestRoute is not null)
            {
                routes[bestVehicle] = bestRoute;
                costs[bestVehicle] = bestCost;
            }
        }

        return routes;
    }

    private static IEnumerable<List<Visit>> Insertions(List<Visit> route, int order, bool pickupAndDelivery)
    {
        int n = route.Count;
        if (!pickupAndDelivery)
        {
            for (int at = 0; at <= n; at++)
            {
                var r = new List<Visit>(route);
                r.Insert(at, new Visit(order, StopKind.Delivery));
                yield return r;
            }

            yield break;
        }

        for (int p = 0; p <= n; p++)
        {
            // Delivery inserted at position d of the route after the pickup went in (d > p).
            int last = n + 1;
            for (int d = p + 1; d <= last; d++)
            {
                if (n > FullPairSearchUpTo && d > p + DeliveryReach && d != last)
                {
                    continue;
                }

                var r = new List<Visit>(route);
                r.Insert(p, new Visit(order, StopKind.Pickup));
                r.Insert(d, new Visit(order, StopKind.Delivery));
                yield return r;
            }
        }
    }
}
