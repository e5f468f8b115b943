using System.Globalization;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

namespace HubPlanner.Core.Routing;

/// <summary>
/// The routing stage: builds an OR-Tools routing model from a <see cref="RoutingProblem"/> (costs, times and loads
/// registered as matrices / vectors, so the hot path stays native), searches, and returns a <see cref="DeliveryPlan"/>
/// whose unserved orders carry the binding reason.
/// </summary>
public static class DeliveryRouter
{
    private const long SoftMandatoryPenalty = 1_000_000_000_000L;

    /// <summary>Solves <paramref name="problem"/>. Infeasible orders are reported in the plan, never thrown.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before any solution was found.</exception>
    public static DeliveryPlan Solve(RoutingProblem problem, RoutingOptions options, IProgress<RoutingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var unserved = new List<UnservedOrder>();
        var included = new List<int>();
        for (int i = 0; i < problem.Orders.Count; i++)
        {
            var impossible = Diagnosis.CheckAlone(problem, i);
            if (impossible is null)
            {
                included.Add(i);
            }
            else
            {
                unserved.Add(impossible);
            }
        }

        if (included.Count == 0 || problem.Vehicles.Count == 0)
        {
            return BuildPlan(problem, new List<Visit>[problem.Vehicles.Count].Select(_ => new List<Visit>()).ToArray(), unserved, new RoutingSearchStats(0, "NO_ORDERS_TO_ROUTE", 0, 0, false, 0));
        }

        Candidate? best = null;
        int solutions = 0;
        long wallMs = 0;
        string status = "";
        bool usedFallback = false;
        for (int restart = 0; restart <= options.Restarts; restart++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int seed = options.Seed + restart;
            var run = SolveOnce(problem, included, options, seed, softMandatory: false, best?.Cost, progress, cancellationToken)
                      ?? SolveOnce(problem, included, options, seed, softMandatory: true, best?.Cost, progress, cancellationToken);
            if (run is null)
            {
                continue;
            }

            usedFallback |= run.SoftMandatory;
            solutions += run.Solutions;
            wallMs += run.WallTimeMs;
            status = run.Status;
            if (best is null || run.Cost < best.Cost - 1e-9)
            {
                best = run;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        if (best is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (int i in included)
            {
                unserved.Add(new UnservedOrder(problem.Orders[i].Id, UnservedReason.Other, $"order {problem.Orders[i].Id}: the search found no solution within its limits"));
            }

            return BuildPlan(problem, new List<Visit>[problem.Vehicles.Count].Select(_ => new List<Visit>()).ToArray(), unserved, new RoutingSearchStats(solutions, status, wallMs, options.Restarts, usedFallback, 0));
        }

        int polishMoves = 0;
        if (options.PostOptimize)
        {
            polishMoves = RoutePolisher.Polish(problem, best.Routes, options.PostOptimizeMoves, cancellationToken);
        }

        var served = new HashSet<int>(best.Routes.SelectMany(r => r).Select(v => v.Order));
        foreach (int i in included.Where(i => !served.Contains(i)))
        {
            unserved.Add(Diagnosis.ExplainDrop(problem, i, best.Routes));
        }

        return BuildPlan(problem, best.Routes, unserved, new RoutingSearchStats(solutions, status, wallMs, options.Restarts, usedFallback, polishMoves));
    }

    private sealed record Candidate(List<Visit>[] Routes, double Cost, int Solutions, long WallTimeMs, string Status, bool SoftMandatory);

    private static Candidate? SolveOnce(
        RoutingProblem problem,
        List<int> includedOrders,
        RoutingOptions options,
        int seed,
        bool softMandatory,
        double? bestSoFar,
        IProgress<RoutingProgress>? progress,
        CancellationToken cancellationToken)
    {
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

        var layout = NodeLayout.Build(problem, orders);
        int nVeh = problem.Vehicles.Count;
        var starts = problem.Vehicles.Select(v => layout.DepotNode[v.StartLocation]).ToArray();
        var ends = problem.Vehicles.Select(v => layout.DepotNode[v.EndLocation]).ToArray();

        using var manager = new RoutingIndexManager(layout.Count, nVeh, starts, ends);
        using var model = new RoutingModel(manager);
        var solver = model.solver();

        // Arc costs: one integer matrix per distinct cost per km.
        var costEvaluator = new Dictionary<double, int>();
        for (int v = 0; v < nVeh; v++)
        {
            var type = problem.Vehicles[v].Type;
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
                double speed = problem.Vehicles[v].Type.SpeedFactor;
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
                if (problem.Vehicles[v].Type.MaxShiftMin is double shift)
                {
                    time.SetSpanUpperBoundForVehicle((long)Math.Floor((shift * options.TimeScale) + 1e-9), v);
                }
            }
        }

        bool signed = problem.HasPickupAndDelivery;
        AddLoadDimension(model, manager, layout.WeightDelta(problem, signed), problem.Vehicles.Select(v => v.Type.CapacityT).ToArray(), signed, "Weight");
        if (problem.Orders.Any(o => o.VolumeM3 > 0))
        {
            AddLoadDimension(model, manager, layout.VolumeDelta(problem, signed), problem.Vehicles.Select(v => v.Type.CapacityM3).ToArray(), signed, "Volume");
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

        var parameters = SearchParameters(options);
        int solutionCount = 0;
        long bestScaled = long.MaxValue;
        VoidToVoid onSolution = () =>
        {
            solutionCount++;
            long cost = model.CostVar().Value();
            if (cost < bestScaled)
            {
                bestScaled = cost;
                progress?.Report(new RoutingProgress(solutionCount, cost / options.CostScale, solver.WallTime()));
            }

            if (cancellationToken.IsCancellationRequested)
            {
                solver.FinishCurrentSearch();
            }
        };
        model.AddAtSolutionCallback(onSolution);
        using var registration = cancellationToken.Register(model.CancelSearch);

        Assignment? solution = options.Search == RoutingSearch.IteratedLocalSearch
            ? model.SolveWithIteratedLocalSearch(parameters)
            : model.SolveWithParameters(parameters);
        GC.KeepAlive(onSolution);

        // After ILS the status may read ROUTING_NOT_SOLVED although the assignment is valid: trust the assignment.
        string status = model.GetStatus().ToString();
        if (solution is null)
        {
            return null;
        }

        var routes = new List<Visit>[nVeh];
        for (int v = 0; v < nVeh; v++)
        {
            routes[v] = [];
            long index = solution.Value(model.NextVar(model.Start(v)));
            while (!model.IsEnd(index))
            {
                int node = manager.IndexToNode(index);
                routes[v].Add(new Visit(layout.Order[node], layout.Kind[node]));
                index = solution.Value(model.NextVar(index));
            }
        }

        double cost = 0;
        for (int v = 0; v < nVeh; v++)
        {
            cost += RouteSimulator.Simulate(problem, problem.Vehicles[v], routes[v]).Cost;
        }

        var served = new HashSet<int>(routes.SelectMany(r => r).Select(x => x.Order));
        cost += includedOrders.Where(i => !served.Contains(i) && problem.Orders[i].Optional).Sum(i => problem.DropPenalty(problem.Orders[i]));
        _ = bestSoFar;
        return new Candidate(routes, cost, solutionCount, solver.WallTime(), status, softMandatory);
    }

    private static void AddLoadDimension(RoutingModel model, RoutingIndexManager manager, long[] delta, double[] capacities, bool signed, string name)
    {
        int evaluator = model.RegisterUnaryTransitVector(delta);
        var caps = capacities.Select(c => (long)Math.Floor((c * NodeLayout.LoadScale) + 1e-6)).ToArray();
        model.AddDimensionWithVehicleCapacity(evaluator, 0, caps, !signed, name);
        if (signed)
        {
            // Depot-loaded deliveries have negative transits; the start cumul is the load taken at the depot and
            // the vehicle comes back empty, so the start load equals what the route delivers from the depot.
            var dimension = model.GetMutableDimension(name);
            for (int v = 0; v < model.Vehicles(); v++)
            {
                dimension.CumulVar(model.End(v)).SetRange(0, 0);
            }
        }

        _ = manager;
    }

    private static bool NeedsTimeDimension(RoutingProblem problem) =>
        problem.HasPickupAndDelivery
        || !double.IsPositiveInfinity(problem.HorizonMin)
        || problem.VehicleTypes.Any(t => t.MaxShiftMin.HasValue)
        || problem.Orders.Any(o => !o.DeliveryWindow.IsUnbounded(problem.HorizonMin) || !o.EffectivePickupWindow.IsUnbounded(problem.HorizonMin));

    private static RoutingSearchParameters SearchParameters(RoutingOptions options)
    {
        var p = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        p.FirstSolutionStrategy = options.FirstSolution switch
        {
            FirstSolution.PathCheapestArc => FirstSolutionStrategy.Types.Value.PathCheapestArc,
            FirstSolution.Savings => FirstSolutionStrategy.Types.Value.Savings,
            FirstSolution.ParallelCheapestInsertion => FirstSolutionStrategy.Types.Value.ParallelCheapestInsertion,
            FirstSolution.LocalCheapestInsertion => FirstSolutionStrategy.Types.Value.LocalCheapestInsertion,
            _ => FirstSolutionStrategy.Types.Value.Automatic,
        };
        p.TimeLimit = Duration.FromTimeSpan(options.TimeLimit / (options.Restarts + 1));
        if (options.SolutionLimit is long limit)
        {
            p.SolutionLimit = limit;
        }

        if (options.NeighborsRatio < 1)
        {
            p.LsOperatorNeighborsRatio = options.NeighborsRatio;
            p.LsOperatorMinNeighbors = 10;
        }

        if (options.Search == RoutingSearch.GuidedLocalSearch)
        {
            p.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
            return p;
        }

        p.UseIteratedLocalSearch = true;
        // Every perturbation is followed by a local search to a local optimum: keep that descent cheap. Dropping
        // the insertion-LNS and chain operators measured 0.72 % vs 0.85 % mean gap on 13 Augerat A instances at 6 s
        // (loaded machine); restricting operator neighbours (ls_operator_neighbors_ratio) ruined ILS (17.8 %).
        {
            var ops = p.LocalSearchOperators;
            ops.UseGlobalCheapestInsertionPathLns = Google.OrTools.Util.OptionalBoolean.BoolFalse;
            ops.UseLocalCheapestInsertionPathLns = Google.OrTools.Util.OptionalBoolean.BoolFalse;
            ops.UseRelocatePathGlobalCheapestInsertionInsertUnperformed = Google.OrTools.Util.OptionalBoolean.BoolFalse;
            ops.UseGlobalCheapestInsertionVisitTypesLns = Google.OrTools.Util.OptionalBoolean.BoolFalse;
            ops.UseLocalCheapestInsertionVisitTypesLns = Google.OrTools.Util.OptionalBoolean.BoolFalse;
            ops.UseRelocateExpensiveChain = Google.OrTools.Util.OptionalBoolean.BoolFalse;
            ops.UseShortestPathSwapActive = Google.OrTools.Util.OptionalBoolean.BoolFalse;
            ops.UseShortestPathTwoOpt = Google.OrTools.Util.OptionalBoolean.BoolFalse;
            ops.UseSwapActiveChain = Google.OrTools.Util.OptionalBoolean.BoolFalse;
            ops.UseLinKernighan = Google.OrTools.Util.OptionalBoolean.BoolFalse;
        }

        var ils = p.IteratedLocalSearchParameters;
        ils.PerturbationStrategy = PerturbationStrategy.Types.Value.RuinAndRecreate;
        ils.ImprovePerturbedSolution = true;
        var rr = ils.RuinRecreateParameters;
        rr.RuinStrategies.Clear();
        // Measured on Augerat A at 3 s: SISR + spatially-close-routes + random walk with automatic SA temperatures
        // 0.15 % mean gap; SISR alone 0.32 %; either with the default fixed temperatures 0.45–0.47 %.
        rr.RuinStrategies.Add(new RuinStrategy { Sisr = new SISRRuinStrategy { MaxRemovedSequenceSize = 10, AvgNumRemovedVisits = 10, BypassFactor = 0.01 } });
        rr.RuinStrategies.Add(new RuinStrategy { SpatiallyCloseRoutes = new SpatiallyCloseRoutesRuinStrategy { NumRuinedRoutes = 2 } });
        rr.RuinStrategies.Add(new RuinStrategy { RandomWalk = new RandomWalkRuinStrategy { NumRemovedVisits = 8 } });
        rr.RuinCompositionStrategy = RuinCompositionStrategy.Types.Value.RunOneRandomly;
        rr.RecreateStrategy = new RecreateStrategy { Heuristic = FirstSolutionStrategy.Types.Value.LocalCheapestInsertion };
        ils.ReferenceSolutionAcceptanceStrategy = new AcceptanceStrategy
        {
            SimulatedAnnealing = new SimulatedAnnealingAcceptanceStrategy
            {
                CoolingScheduleStrategy = CoolingScheduleStrategy.Types.Value.Exponential,
                AutomaticTemperatures = true,
            },
        };
        ils.BestSolutionAcceptanceStrategy = new AcceptanceStrategy { GreedyDescent = new GreedyDescentAcceptanceStrategy() };
        return p;
    }

    private static DeliveryPlan BuildPlan(RoutingProblem problem, List<Visit>[] routes, List<UnservedOrder> unserved, RoutingSearchStats stats)
    {
        var result = new List<VehicleRoute>();
        double total = 0, distance = 0;
        for (int v = 0; v < routes.Length; v++)
        {
            if (routes[v].Count == 0)
            {
                continue;
            }

            var vehicle = problem.Vehicles[v];
            var sim = RouteSimulator.Simulate(problem, vehicle, routes[v]);
            var stops = routes[v].Select((x, i) =>
            {
                var o = problem.Orders[x.Order];
                int loc = x.Kind == StopKind.Pickup ? o.PickupLocation!.Value : o.DeliveryLocation;
                return new RouteStop(o.Id, x.Kind, loc, sim.Arrival[i], sim.ServiceStart[i], sim.LoadAfter[i], sim.VolumeAfter[i]);
            }).ToArray();
            result.Add(new VehicleRoute(v, vehicle.Id, vehicle.Type.Id, stops, sim.DistanceKm, sim.DepartureMin, sim.ReturnMin, sim.Cost));
            total += sim.Cost;
            distance += sim.DistanceKm;
        }

        var byId = problem.Orders.ToDictionary(o => o.Id, StringComparer.Ordinal);
        total += unserved.Where(u => byId[u.OrderId].Optional).Sum(u => problem.DropPenalty(byId[u.OrderId]));
        var ordered = unserved.OrderBy(u => u.OrderId, StringComparer.Ordinal).ToArray();
        return new DeliveryPlan(result, ordered, total, distance, stats);
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
