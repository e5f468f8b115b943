namespace HubPlanner.Core.Routing;

/// <summary>
/// HubPlanner's own descent on top of OR-Tools' answer: intra-route 2-opt (segment reversal), and relocation of one
/// visit or one pickup-delivery pair to its best feasible position in any route, first improvement, until no move
/// helps or the move budget is spent. Feasibility and cost come from <see cref="RouteSimulator"/> in exact
/// arithmetic, so it also repairs what OR-Tools' integer rounding of costs hid.
/// </summary>
internal static class RoutePolisher
{
    private const double MinGain = 1e-7;

    /// <summary>Improves <paramref name="routes"/> in place; returns the number of improving moves applied.</summary>
    public static int Polish(RoutingProblem problem, List<Visit>[] routes, int maxMoves, CancellationToken cancellationToken)
    {
        var cost = new double[routes.Length];
        for (int v = 0; v < routes.Length; v++)
        {
            cost[v] = RouteSimulator.Simulate(problem, problem.Vehicles[v], routes[v]).Cost;
        }

        int moves = 0;
        bool improved = true;
        while (improved && moves < maxMoves && !cancellationToken.IsCancellationRequested)
        {
            improved = false;
            for (int v = 0; v < routes.Length && moves < maxMoves; v++)
            {
                if (TwoOpt(problem, routes, cost, v))
                {
                    moves++;
                    improved = true;
                }
            }

            for (int v = 0; v < routes.Length && moves < maxMoves; v++)
            {
                for (int i = 0; i < routes[v].Count && moves < maxMoves; i++)
                {
                    if (Relocate(problem, routes, cost, v, i))
                    {
                        moves++;
                        improved = true;
                    }
                }
            }
        }

        return moves;
    }

    private static bool TwoOpt(RoutingProblem problem, List<Visit>[] routes, double[] cost, int v)
    {
        var route = routes[v];
        for (int i = 0; i < route.Count - 1; i++)
        {
            for (int j = i + 1; j < route.Count; j++)
            {
                var candidate = new List<Visit>(route);
                candidate.Reverse(i, j - i + 1);
                var sim = RouteSimulator.Simulate(problem, problem.Vehicles[v], candidate);
                if (sim.Feasible && sim.Cost < cost[v] - MinGain)
                {
                    routes[v] = candidate;
                    cost[v] = sim.Cost;
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Relocate(RoutingProblem problem, List<Visit>[] routes, double[] cost, int from, int position)
    {
        var visit = routes[from][position];
        bool paired = problem.Orders[visit.Order].IsPickupAndDelivery;
        if (paired && visit.Kind == StopKind.Delivery)
        {
            return false; // moved together with its pickup
        }

        var without = routes[from].Where(x => x.Order != visit.Order).ToList();
        var withoutSim = RouteSimulator.Simulate(problem, problem.Vehicles[from], without);
        if (!withoutSim.Feasible)
        {
            return false;
        }

        double removalGain = cost[from] - withoutSim.Cost;
        for (int to = 0; to < routes.Length; to++)
        {
            var target = to == from ? without : routes[to];
            double targetCost = to == from ? withoutSim.Cost : cost[to];
            if (target.Count == 0 && to != from && routes[from].Count == (paired ? 2 : 1))
            {
                continue; // moving a lone visit to another empty vehicle of the same kind gains nothing
            }

            foreach (var candidate in Insertions(visit.Order, paired, target))
            {
                var sim = RouteSimulator.Simulate(problem, problem.Vehicles[to], candidate);
                if (!sim.Feasible)
                {
                    continue;
                }

                double delta = sim.Cost - targetCost;
                if (delta < removalGain - MinGain)
                {
                    if (to == from)
                    {
                        routes[from] = candidate;
                        cost[from] = sim.Cost;
                    }
                    else
                    {
                        routes[from] = without;
                        cost[from] = withoutSim.Cost;
                        routes[to] = candidate;
                        cost[to] = sim.Cost;
                    }

                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<List<Visit>> Insertions(int order, bool paired, List<Visit> route)
    {
        for (int i = 0; i <= route.Count; i++)
        {
            if (!paired)
            {
                var r = new List<Visit>(route);
                r.Insert(i, new Visit(order, StopKind.Delivery));
                yield return r;
                continue;
            }

            for (int j = i; j <= route.Count; j++)
            {
                var r = new List<Visit>(route);
                r.Insert(j, new Visit(order, StopKind.Delivery));
                r.Insert(i, new Visit(order, StopKind.Pickup));
                yield return r;
            }
        }
    }
}
