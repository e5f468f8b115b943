using HubPlanner.Core.Routing;

namespace HubPlanner.Core.Tests.Routing;

/// <summary>
/// Exhaustive oracle for tiny problems (≤ 7 orders), written independently of the solver and the checker: every
/// assignment of orders to vehicles (or to "dropped" when optional), every visiting order per vehicle, and for time
/// windows every candidate departure time (the optimum delays departure until some stop is reached exactly at its
/// window opening, or not at all).
/// </summary>
internal static class BruteForceVrp
{
    public static double OptimalCost(RoutingProblem problem) => Optimal(problem).Cost;

    /// <summary>The optimal cost and, per vehicle, its best visiting sequence.</summary>
    public static (double Cost, List<(int Order, bool Pickup)>[] Routes) Optimal(RoutingProblem problem)
    {
        var bestRoutes = new List<(int Order, bool Pickup)>[problem.Vehicles.Count];
        int n = problem.Orders.Count;
        int nv = problem.Vehicles.Count;
        var routeCache = new Dictionary<(int Vehicle, int Mask), double>();
        double best = double.PositiveInfinity;
        var choice = new int[n]; // -1 = dropped, else vehicle

        void Recurse(int i)
        {
            if (i == n)
            {
                double total = 0;
                var masks = new int[nv];
                for (int k = 0; k < n; k++)
                {
                    if (choice[k] < 0)
                    {
                        total += problem.DropPenalty(problem.Orders[k]);
                    }
                    else
                    {
                        masks[choice[k]] |= 1 << k;
                    }
                }

                for (int v = 0; v < nv && total < best; v++)
                {
                    if (masks[v] == 0)
                    {
                        continue;
                    }

                    if (!routeCache.TryGetValue((v, masks[v]), out double c))
                    {
                        c = BestRoute(problem, problem.Vehicles[v], masks[v]);
                        routeCache[(v, masks[v])] = c;
                    }

                    total += c;
                }

                if (total < best)
                {
                    best = total;
                    for (int v = 0; v < nv; v++)
                    {
                        bestRoutes[v] = masks[v] == 0 ? [] : BestSequence(problem, problem.Vehicles[v], masks[v]).Sequence;
                    }
                }

                return;
            }

            if (problem.Orders[i].Optional)
            {
                choice[i] = -1;
                Recurse(i + 1);
            }

            for (int v = 0; v < nv; v++)
            {
                choice[i] = v;
                Recurse(i + 1);
            }
        }

        Recurse(0);
        return (best, bestRoutes);
    }

    private static double BestRoute(RoutingProblem problem, RoutingVehicle vehicle, int mask) => BestSequence(problem, vehicle, mask).Cost;

    private static (double Cost, List<(int Order, bool Pickup)> Sequence) BestSequence(RoutingProblem problem, RoutingVehicle vehicle, int mask)
    {
        List<(int Order, bool Pickup)> bestSeq = [];
        var stops = new List<(int Order, bool Pickup)>();
        for (int k = 0; k < problem.Orders.Count; k++)
        {
            if ((mask & (1 << k)) != 0)
            {
                if (problem.Orders[k].PickupLocation.HasValue)
                {
                    stops.Add((k, true));
                }

                stops.Add((k, false));
            }
        }

        double best = double.PositiveInfinity;
        foreach (var perm in Permutations(stops))
        {
            double? c = RouteCost(problem, vehicle, perm);
            if (c is double value && value < best)
            {
                best = value;
                bestSeq = perm;
            }
        }

        return (best, bestSeq);
    }

    private static double? RouteCost(RoutingProblem problem, RoutingVehicle vehicle, IReadOnlyList<(int Order, bool Pickup)> seq)
    {
        var m = problem.Matrix;
        var type = vehicle.Type;

        // Precedence, loads.
        var picked = new HashSet<int>();
        double w = seq.Where(s => !s.Pickup && !problem.Orders[s.Order].PickupLocation.HasValue).Sum(s => problem.Orders[s.Order].WeightT);
        double vol = seq.Where(s => !s.Pickup && !problem.Orders[s.Order].PickupLocation.HasValue).Sum(s => problem.Orders[s.Order].VolumeM3);
        if (w > type.CapacityT + 1e-9 || vol > type.CapacityM3 + 1e-9)
        {
            return null;
        }

        foreach (var s in seq)
        {
            var o = problem.Orders[s.Order];
            if (s.Pickup)
            {
                picked.Add(s.Order);
                w += o.WeightT;
                vol += o.VolumeM3;
            }
            else
            {
                if (o.PickupLocation.HasValue && !picked.Contains(s.Order))
                {
                    return null;
                }

                w -= o.WeightT;
                vol -= o.VolumeM3;
            }

            if (w > type.CapacityT + 1e-9 || vol > type.CapacityM3 + 1e-9)
            {
                return null;
            }
        }

        int Loc((int Order, bool Pickup) s) => s.Pickup ? problem.Orders[s.Order].PickupLocation!.Value : problem.Orders[s.Order].DeliveryLocation;

        // Candidate departures: 0, and each one that reaches stop i exactly when its window opens without waiting.
        var candidates = new List<double> { 0 };
        double travel = 0;
        int at = vehicle.StartLocation;
        foreach (var s in seq)
        {
            var o = problem.Orders[s.Order];
            travel += m.TimeMin(at, Loc(s)) / type.SpeedFactor;
            var win = s.Pickup ? (o.PickupWindow ?? TimeWindow.Always) : o.DeliveryWindow;
            if (win.EarliestMin - travel > 0)
            {
                candidates.Add(win.EarliestMin - travel);
            }

            if (double.IsFinite(win.LatestMin) && win.LatestMin - travel > 0)
            {
                candidates.Add(win.LatestMin - travel);
            }

            travel += s.Pickup ? o.PickupServiceMin : o.DeliveryServiceMin;
            at = Loc(s);
        }

        bool feasible = false;
        foreach (double departure in candidates.Order())
        {
            double t = departure;
            at = vehicle.StartLocation;
            bool ok = true;
            foreach (var s in seq)
            {
                var o = problem.Orders[s.Order];
                var win = s.Pickup ? (o.PickupWindow ?? TimeWindow.Always) : o.DeliveryWindow;
                t = Math.Max(t + (m.TimeMin(at, Loc(s)) / type.SpeedFactor), win.EarliestMin);
                if (t > win.LatestMin + 1e-9)
                {
                    ok = false;
                    break;
                }

                t += s.Pickup ? o.PickupServiceMin : o.DeliveryServiceMin;
                at = Loc(s);
            }

            t += m.TimeMin(at, vehicle.EndLocation) / type.SpeedFactor;
            if (ok && t <= problem.HorizonMin + 1e-9 && (type.MaxShiftMin is not double shift || t - departure <= shift + 1e-9))
            {
                feasible = true;
                break;
            }

            if (!ok)
            {
                // Later departures only arrive later.
                break;
            }
        }

        if (!feasible)
        {
            return null;
        }

        double km = 0;
        at = vehicle.StartLocation;
        foreach (var s in seq)
        {
            km += m.DistanceKm(at, Loc(s));
            at = Loc(s);
        }

        km += m.DistanceKm(at, vehicle.EndLocation);
        return type.FixedCost + (type.CostPerKm * km);
    }

    private static IEnumerable<List<T>> Permutations<T>(List<T> items)
    {
        if (items.Count <= 1)
        {
            yield return new List<T>(items);
            yield break;
        }

        for (int i = 0; i < items.Count; i++)
        {
            var rest = new List<T>(items);
            rest.RemoveAt(i);
            foreach (var p in Permutations(rest))
            {
                p.Insert(0, items[i]);
                yield return p;
            }
        }
    }
}
