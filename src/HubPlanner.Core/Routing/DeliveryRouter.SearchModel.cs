using Google.OrTools.ConstraintSolver;

namespace HubPlanner.Core.Routing;

public static partial class DeliveryRouter
{
    /// <summary>
    /// One OR-Tools model of the problem (one search worker owns one): built once, solved from scratch or from a
    /// given start. Not thread-safe; a worker may use it from any one thread at a time.
    /// </summary>
    private sealed class SearchModel : IDisposable
    {
        private readonly RoutingProblem problem;
        private readonly List<int> includedOrders;
        private readonly RoutingOptions options;
        private readonly NodeLayout layout;
        private readonly RoutingIndexManager manager;
        private readonly RoutingModel model;
        private readonly VoidToVoid onSolution;
        private Action<long>? solutionSink;

        private readonly RoutingVehicle[] vehicles;
        private readonly double overloadPenaltyPerT;
        private List<Visit>[]? bestWithinCapacity;
        private long bestWithinCapacityCost = long.MaxValue;

        /// <param name="overloadPenaltyPerT">When positive, weight capacities are soft: a route may carry up to twice
        /// its capacity at this cost per tonne over it, and the search returns the best plan seen within capacity.</param>
        public SearchModel(RoutingProblem problem, List<int> includedOrders, RoutingOptions options, int seed, bool softMandatory, double overloadPenaltyPerT = 0)
        {
            this.problem = problem;
            this.overloadPenaltyPerT = overloadPenaltyPerT;
            vehicles = [.. problem.Vehicles];

            this.includedOrders = includedOrders;
            this.options = options;
            SoftMandatory = softMandatory;
            var orders = new List<int>(includedOrders);
            if (seed != 0)
            {
                // The node order steers OR-Tools' tie-breaking and neighbourhood scans: a seeded permutation is the
                // seed of an otherwise deterministic search.
                var rng = new Random(seed);
                for (int i = orders.Count - 1; i > 0; i--)
                {
                    int j = rng.Next(i + 1);
                    (orders[i], orders[j]) = (orders[j], orders[i]);
                }
            }

            layout = NodeLayout.Build(problem, orders);
            int nVeh = vehicles.Length;
            var starts = vehicles.Select(v => layout.DepotNode[v.StartLocation]).ToArray();
            var ends = vehicles.Select(v => layout.DepotNode[v.EndLocation]).ToArray();
            manager = new RoutingIndexManager(layout.Count, nVeh, starts, ends);
            model = new RoutingModel(manager);
            Build(softMandatory);
            onSolution = () =>
            {
                long cost = model.CostVar().Value();
                if (overloadPenaltyPerT > 0 && cost < bestWithinCapacityCost)
                {
                    // The cost includes the overload penalty, so within capacity it is the plan's true cost.
                    var routes = CurrentRoutes(index => index.Value());
                    if (routes.Select((r, v) => WithinCapacity(r, vehicles[v].Type)).All(ok => ok))
                    {
                        bestWithinCapacityCost = cost;
                        bestWithinCapacity = routes;
                    }
                }

                solutionSink?.Invoke(cost);
            };
            model.AddAtSolutionCallback(onSolution);
        }

        public bool SoftMandatory { get; }

        /// <summary>The last search stopped early at its coverage deadline with mandatory orders still left out.</summary>
        public bool GaveUpUncovered { get; private set; }

        private void Build(bool softMandatory)
        {
            var solver = model.solver();
            int nVeh = vehicles.Length;

            // Arc costs: one integer matrix per distinct cost per km.
            var costEvaluator = new Dictionary<double, int>();
            for (int v = 0; v < nVeh; v++)
            {
                var type = vehicles[v].Type;
                if (!costEvaluator.TryGetValue(type.CostPerKm, out int evaluator))
                {
                    evaluator = model.RegisterTransitMatrix(layout.Matrix((a, b) => (long)Math.Round(type.CostPerKm * problem.Matrix.DistanceKm(a, b) * options.CostScale)));
                    costEvaluator[type.CostPerKm] = evaluator;
                }

                model.SetArcCostEvaluatorOfVehicle(evaluator, v);
                if (type.FixedCost > 0)
                {
                    model.SetFixedCostOfVehicle((long)Math.Round(type.FixedCost * options.CostScale), v);
                }
            }

            RoutingDimension? time = null;
            if (NeedsTimeDimension(problem))
            {
                long horizon = double.IsPositiveInfinity(problem.HorizonMin) ? 1L << 40 : (long)Math.Floor(problem.HorizonMin * options.TimeScale);
                var timeEvaluator = new Dictionary<double, int>();
                var evaluators = new int[nVeh];
                for (int v = 0; v < nVeh; v++)
                {
                    double speed = vehicles[v].Type.SpeedFactor;
                    if (!timeEvaluator.TryGetValue(speed, out int evaluator))
                    {
                        evaluator = model.RegisterTransitMatrix(layout.TimeMatrix(problem, speed, options.TimeScale));
                        timeEvaluator[speed] = evaluator;
                    }

                    evaluators[v] = evaluator;
                }

                model.AddDimensionWithVehicleTransitAndCapacity(evaluators, horizon, Enumerable.Repeat(horizon, nVeh).ToArray(), false, "Time");
                time = model.GetMutableDimension("Time");
                for (int node = layout.DepotCount; node < layout.Count; node++)
                {
                    var w = layout.Window[node];
                    long lo = (long)Math.Ceiling((w.EarliestMin * options.TimeScale) - 1e-9);
                    long hi = double.IsPositiveInfinity(w.LatestMin) ? horizon : Math.Min(horizon, (long)Math.Floor((w.LatestMin * options.TimeScale) + 1e-9));
                    time.CumulVar(manager.NodeToIndex(node)).SetRange(lo, Math.Max(lo, hi));
                }

                for (int v = 0; v < nVeh; v++)
                {
                    if (vehicles[v].Type.MaxShiftMin is double shift)
                    {
                        time.SetSpanUpperBoundForVehicle((long)Math.Floor((shift * options.TimeScale) + 1e-9), v);
                    }
                }
            }

            bool signed = problem.HasPickupAndDelivery;
            if (overloadPenaltyPerT > 0)
            {
                // Soft capacity: routes may carry up to twice their capacity at a cost per tonne over it.
                int evaluator = model.RegisterUnaryTransitVector(layout.WeightDelta(problem, false));
                var caps = vehicles.Select(v => (long)Math.Floor((v.Type.CapacityT * NodeLayout.LoadScale) + 1e-6)).ToArray();
                model.AddDimensionWithVehicleCapacity(evaluator, 0, caps.Select(c => 2 * c).ToArray(), true, "Weight");
                var weight = model.GetMutableDimension("Weight");
                long coefficient = Math.Max(1, (long)Math.Round(overloadPenaltyPerT * options.CostScale / NodeLayout.LoadScale));
                for (int v = 0; v < nVeh; v++)
                {
                    weight.SetCumulVarSoftUpperBound(model.End(v), caps[v], coefficient);
                }
            }
            else
            {
                AddLoadDimension(model, layout.WeightDelta(problem, signed), vehicles.Select(v => v.Type.CapacityT).ToArray(), signed, "Weight");
            }
            if (problem.Orders.Any(o => o.VolumeM3 > 0))
            {
                AddLoadDimension(model, layout.VolumeDelta(problem, signed), vehicles.Select(v => v.Type.CapacityM3).ToArray(), signed, "Volume");
            }

            foreach (var (pickupNode, deliveryNode) in layout.Pairs)
            {
                long p = manager.NodeToIndex(pickupNode), d = manager.NodeToIndex(deliveryNode);
                model.AddPickupAndDelivery(p, d);
                solver.Add(solver.MakeEquality(model.VehicleVar(p), model.VehicleVar(d)));
                solver.Add(solver.MakeEquality(model.ActiveVar(p), model.ActiveVar(d)));
                solver.Add(solver.MakeLessOrEqual(time!.CumulVar(p), time.CumulVar(d)));
            }

            for (int node = layout.DepotCount; node < layout.Count; node++)
            {
                var order = problem.Orders[layout.Order[node]];
                bool isPairedDelivery = order.IsPickupAndDelivery && layout.Kind[node] == StopKind.Delivery;
                long penalty;
                if (order.Optional)
                {
                    penalty = isPairedDelivery ? 0 : (long)Math.Round(problem.DropPenalty(order) * options.CostScale);
                }
                else if (softMandatory)
                {
                    penalty = isPairedDelivery ? 0 : SoftMandatoryPenalty;
                }
                else
                {
                    continue;
                }

                model.AddDisjunction([manager.NodeToIndex(node)], penalty);
            }
        }

        /// <summary>First solution + metaheuristic within the parameters' limits; null when no solution was found.</summary>
        public Candidate? Search(RoutingSearchParameters parameters, Action<long> onSolutionCost, CancellationToken cancellationToken, List<Visit>[]? start = null, TimeSpan? coverBy = null)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            long bestCost = long.MaxValue;
            solutionSink = cost =>
            {
                onSolutionCost(cost);
                bestCost = Math.Min(bestCost, cost);
                if (cancellationToken.IsCancellationRequested)
                {
                    model.solver().FinishCurrentSearch();
                }
                else if (coverBy is TimeSpan by && bestCost >= SoftMandatoryPenalty && watch.Elapsed > by)
                {
                    // Mandatory orders still left out at the deadline: this search has stalled on coverage.
                    GaveUpUncovered = true;
                    model.solver().FinishCurrentSearch();
                }
            };
            using var registration = cancellationToken.Register(model.CancelSearch);
            Assignment? solution;
            if (start is null)
            {
                solution = parameters.UseIteratedLocalSearch
                    ? model.SolveWithIteratedLocalSearch(parameters)
                    : model.SolveWithParameters(parameters);
            }
            else
            {
                model.CloseModelWithParameters(parameters);
                var indexOf = new Dictionary<(int, StopKind), long>();
                for (int node = layout.DepotCount; node < layout.Count; node++)
                {
                    indexOf[(layout.Order[node], layout.Kind[node])] = manager.NodeToIndex(node);
                }

                var initial = model.ReadAssignmentFromRoutes(start.Select(r => r.Select(v => indexOf[(v.Order, v.Kind)]).ToArray()).ToArray(), true);
                if (initial is null)
                {
                    return null;
                }

                // OR-Tools 9.15 runs ILS only from its own first solution (from an assignment it is a plain descent,
                // and with SetFirstSolutionHint it did not improve on P-n55-k15), so a given start is improved by GLS.
                parameters = parameters.Clone();
                parameters.UseIteratedLocalSearch = false;
                parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
                solution = model.SolveFromAssignmentWithParameters(initial, parameters);
            }
            solutionSink = null;
            GC.KeepAlive(onSolution);

            // After ILS the status may read ROUTING_NOT_SOLVED although the assignment is valid: trust the assignment.
            string status = model.GetStatus().ToString();
            if (overloadPenaltyPerT > 0)
            {
                return bestWithinCapacity is null ? null : Extract(bestWithinCapacity, status);
            }

            return solution is null ? null : Extract(CurrentRoutes(solution.Value), status);
        }

        private bool WithinCapacity(List<Visit> route, RoutingVehicleType type)
        {
            double load = 0;
            foreach (var visit in route)
            {
                load += problem.Orders[visit.Order].WeightT;
            }

            return (long)Math.Ceiling((load * NodeLayout.LoadScale) - 1e-6) <= (long)Math.Floor((type.CapacityT * NodeLayout.LoadScale) + 1e-6);
        }

        /// <summary>The routes of the vehicles, reading each next variable with <paramref name="value"/> (from a solution or the live search).</summary>
        private List<Visit>[] CurrentRoutes(Func<IntVar, long> value)
        {
            int nVeh = problem.Vehicles.Count;
            var routes = new List<Visit>[nVeh];
            for (int v = 0; v < nVeh; v++)
            {
                routes[v] = [];
                long index = value(model.NextVar(model.Start(v)));
                while (!model.IsEnd(index))
                {
                    int node = manager.IndexToNode(index);
                    routes[v].Add(new Visit(layout.Order[node], layout.Kind[node]));
                    index = value(model.NextVar(index));
                }
            }

            return routes;
        }

        /// <summary>The candidate of <paramref name="routes"/>: exact cost (simulated) plus the drop penalties of unserved optional orders.</summary>
        private Candidate Extract(List<Visit>[] routes, string status)
        {
            double cost = 0;
            for (int v = 0; v < routes.Length; v++)
            {
                cost += RouteSimulator.Simulate(problem, problem.Vehicles[v], routes[v]).Cost;
            }

            var served = new HashSet<int>(routes.SelectMany(r => r).Select(x => x.Order));
            var left = includedOrders.Where(i => !served.Contains(i)).ToList();
            cost += left.Where(i => problem.Orders[i].Optional).Sum(i => problem.DropPenalty(problem.Orders[i]));
            return new Candidate(routes, cost, left.Count(i => !problem.Orders[i].Optional), status, SoftMandatory);
        }

        public void Dispose()
        {
            model.Dispose();
            manager.Dispose();
        }
    }
}
