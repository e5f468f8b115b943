using Google.OrTools.Sat;

namespace HubPlanner.Core.Routing;

/// <summary>
/// A first solution for fleets packed so tightly that OR-Tools' construction heuristics leave an order out
/// (Augerat P-n55-k15 fills its 15 vehicles to 99.2 %): orders are packed into vehicles with CP-SAT (weight and
/// volume), each vehicle's stops are chained nearest-first and improved by <see cref="RoutePolisher"/>.
/// Only for depot-loaded deliveries without time limits, where capacity is the only thing that binds.
/// </summary>
internal static class CapacityStart
{
    /// <summary>True when a capacity packing yields a feasible plan for <paramref name="problem"/>.</summary>
    public static bool Applies(RoutingProblem problem) =>
        !problem.HasPickupAndDelivery
        && double.IsPositiveInfinity(problem.HorizonMin)
        && problem.VehicleTypes.All(t => t.MaxShiftMin is null)
        && problem.Orders.All(o => o.DeliveryWindow.IsUnbounded(problem.HorizonMin));

    /// <summary>Routes serving every order in <paramref name="orders"/>, or null when no packing was found in time.</summary>
    public static List<Visit>[]? Build(RoutingProblem problem, IReadOnlyList<int> orders, TimeSpan limit, int seed, CancellationToken cancellationToken)
    {
        int nVeh = problem.Vehicles.Count;
        var model = new CpModel();
        var x = new BoolVar[orders.Count, nVeh];
        for (int i = 0; i < orders.Count; i++)
        {
            var row = new List<ILiteral>();
            for (int v = 0; v < nVeh; v++)
            {
                x[i, v] = model.NewBoolVar($"x{i}_{v}");
                row.Add(x[i, v]);
            }

            model.AddExactlyOne(row);
        }

        // Identical vehicles (same type and depots) are interchangeable: order i goes to one of the first i + 1
        // vehicles, which removes the symmetric packings.
        if (problem.Vehicles.Select(v => (v.Type.Id, v.StartLocation, v.EndLocation)).Distinct().Count() == 1)
        {
            var heaviestFirst = Enumerable.Range(0, orders.Count).OrderByDescending(i => problem.Orders[orders[i]].WeightT).ToArray();
            for (int rank = 0; rank < heaviestFirst.Length; rank++)
            {
                for (int v = rank + 1; v < nVeh; v++)
                {
                    model.Add(x[heaviestFirst[rank], v] == 0);
                }
            }
        }

        for (int v = 0; v < nVeh; v++)
        {
            var type = problem.Vehicles[v].Type;
            AddCapacity(model, x, v, orders.Select(i => problem.Orders[i].WeightT).ToArray(), type.CapacityT);
            if (orders.Any(i => problem.Orders[i].VolumeM3 > 0))
            {
                AddCapacity(model, x, v, orders.Select(i => problem.Orders[i].VolumeM3).ToArray(), type.CapacityM3);
            }
        }

        var solver = new CpSolver
        {
            StringParameters = FormattableString.Invariant($"max_time_in_seconds:{limit.TotalSeconds} num_workers:1 random_seed:{seed}"),
        };
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Feasible or CpSolverStatus.Optimal))
        {
            return null;
        }

        var routes = new List<Visit>[nVeh];
        for (int v = 0; v < nVeh; v++)
        {
            var members = Enumerable.Range(0, orders.Count).Where(i => solver.BooleanValue(x[i, v])).Select(i => orders[i]).ToList();
            routes[v] = NearestFirst(problem, problem.Vehicles[v].StartLocation, members);
        }

        RoutePolisher.Polish(problem, routes, 10_000, cancellationToken);
        return routes;
    }

    private static void AddCapacity(CpModel model, BoolVar[,] x, int v, double[] load, double capacity)
    {
        var terms = new List<LinearExpr>();
        for (int i = 0; i < load.Length; i++)
        {
            long units = (long)Math.Ceiling((load[i] * NodeLayout.LoadScale) - 1e-6);
            if (units > 0)
            {
                terms.Add(units * x[i, v]);
            }
        }

        model.Add(LinearExpr.Sum(terms) <= (long)Math.Floor((capacity * NodeLayout.LoadScale) + 1e-6));
    }

    private static List<Visit> NearestFirst(RoutingProblem problem, int from, List<int> members)
    {
        var route = new List<Visit>();
        var left = new List<int>(members);
        int here = from;
        while (left.Count > 0)
        {
            int next = left.MinBy(i => problem.Matrix.DistanceKm(here, problem.Orders[i].DeliveryLocation));
            left.Remove(next);
            route.Add(new Visit(next, StopKind.Delivery));
            here = problem.Orders[next].DeliveryLocation;
        }

        return route;
    }
}
