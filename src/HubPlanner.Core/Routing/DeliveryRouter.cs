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

    /// <summary>Fleet fill from which every second worker searches with soft capacities.</summary>
    private const double TightFleetFill = 0.95;

    /// <summary>Overload cost per tonne relative to the mean depot-to-order cost per mean order tonne (even workers).</summary>
    private const double SoftCapacityFactor = 5;

    /// <summary>Fleet fill from which odd workers start from a CP-SAT packing (P-n55-k15: 99.2 %; OR-Tools' construction fails there).</summary>
    private const double PackedFleetFill = 0.99;

    /// <summary>The same for odd workers.</summary>
    private const double LowSoftCapacityFactor = 2;

    /// <summary>Solves <paramref name="problem"/>. Infeasible orders are reported in the plan, never thrown.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before any solution was found.</exception>
    public static DeliveryPlan Solve(RoutingProblem problem, RoutingOptions options, IProgress<RoutingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var unserved = new List<DroppedOrder>();
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

        int workers = options.EffectiveWorkers;
        var runs = new Candidate?[workers];
        int solutions = 0;
        var sync = new object();
        long bestScaled = long.MaxValue;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        void OnSolutionCost(long cost)
        {
            lock (sync)
            {
                solutions++;
                if (cost < bestScaled)
                {
                    bestScaled = cost;
                    progress?.Report(new RoutingProgress(solutions, cost / options.CostScale, wall.ElapsedMilliseconds));
                }
            }
        }

        // Time-windowed orders (without pickup-and-delivery pairs): the ILS re-inserts ruined orders in random order.
        bool randomRecreate = HasTimeWindows(problem) && !problem.HasPickupAndDelivery;
        var parameters = SearchParameters(options, randomRecreate);
        var probe = SearchParameters(options);
        probe.SolutionLimit = 1;
        probe.TimeLimit = Duration.FromTimeSpan(TimeSpan.FromTicks(Math.Min(options.TimeLimit.Ticks, Math.Max(TimeSpan.FromSeconds(1).Ticks, options.TimeLimit.Ticks / 10))));
        probe.UseIteratedLocalSearch = false;
        probe.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GreedyDescent;
        var failures = new Exception?[workers];
        var packLimit = TimeSpan.FromTicks(Math.Min(options.TimeLimit.Ticks, Math.Max(TimeSpan.FromSeconds(1).Ticks, options.TimeLimit.Ticks * 3 / 10)));

        // Fleets filled to 95 % or more: ruin-and-recreate then mostly fails to re-insert what it removed, so the
        // workers search with soft capacities (overload allowed at a cost, the best plan within capacity kept), as
        // penalty-based CVRP heuristics do, alternating a high and a low penalty. Measured on 15 tight Augerat
        // instances at 5 s (fleet = k), two workers: strict ILS 1.8 % mean gap; soft capacity 0.8 / 0.2 / 1.4 % on
        // the A / B / P ones at factor 5 (2: 0.7 / 1.0 / 5.0 %; 10: 0.8 / 7.0 / 1.7 %), with the two factors failing
        // on different instances; on X (fleet k+3, not tight) soft capacity was worse (2.8 % vs 1.9 %).
        double fill = FleetFill(problem, included);
        double overloadPenaltyPerT = !problem.HasPickupAndDelivery && fill >= TightFleetFill
            ? OverloadPenaltyPerT(problem, included)
            : 0;
        bool packFirst = workers > 1 && fill >= PackedFleetFill && CapacityStart.Applies(problem);

        // What is left of the time limit (probing and packing count against it); with a solution limit, all of it.
        RoutingSearchParameters Remaining(RoutingSearchParameters? of = null)
        {
            var from = of ?? parameters;
            if (options.SolutionLimit is not null)
            {
                return from;
            }

            var left = from.Clone();
            left.TimeLimit = Duration.FromTimeSpan(TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, (options.TimeLimit - wall.Elapsed).Ticks)));
            return left;
        }

        bool TimeLeft() => options.SolutionLimit is not null || wall.Elapsed < options.TimeLimit * 0.9;

        void RunWorker(int w)
        {
            try
            {
                // The strict model. When its first-solution heuristic fails (a tight fleet can defeat it), the search
                // would spend the whole limit looking for a first solution: a short probe tells. Then a CP-SAT packing
                // of the orders is the start, or else mandatory orders become droppable at a prohibitive penalty so
                // that a plan still comes back.
                bool? strictWorks = null;
                bool Probe()
                {
                    if (strictWorks is null && !TimeLeft())
                    {
                        // Out of time after an unsuccessful search: only the last-resort fallback below remains.
                        strictWorks = false;
                    }
                    else if (strictWorks is null)
                    {
                        using var probing = new SearchModel(problem, included, options, options.Seed + w, softMandatory: false);
                        strictWorks = options.SolutionLimit is not null || probing.Search(probe, _ => { }, cancellationToken) is not null;
                    }

                    return strictWorks.Value;
                }

                bool packTried = false;
                List<Visit>[]? packing = null;
                List<Visit>[]? Pack()
                {
                    if (!packTried && TimeLeft() && CapacityStart.Applies(problem))
                    {
                        packing = CapacityStart.Build(problem, included, packLimit, options.Seed + w, cancellationToken);
                    }

                    packTried = true;
                    return packing;
                }

                // With a tight fleet, even workers search with the high overload penalty, odd ones with the low one;
                // at 99 % fill packing is the hard part, and odd workers start from a CP-SAT packing instead.
                if (packFirst && w % 2 == 1 && Pack() is { } packedFirst)
                {
                    using var strict = new SearchModel(problem, included, options, options.Seed + w, softMandatory: false);
                    runs[w] = strict.Search(Remaining(), OnSolutionCost, cancellationToken, packedFirst);
                }

                if (runs[w] is null && overloadPenaltyPerT > 0)
                {
                    double penalty = overloadPenaltyPerT * (w % 2 == 0 ? 1 : LowSoftCapacityFactor / SoftCapacityFactor);
                    using var softCapacity = new SearchModel(problem, included, options, options.Seed + w, softMandatory: false, penalty);
                    runs[w] = softCapacity.Search(Remaining(), OnSolutionCost, cancellationToken);
                }

                if (runs[w] is null && Probe())
                {
                    using var strict = new SearchModel(problem, included, options, options.Seed + w, softMandatory: false);
                    runs[w] = strict.Search(Remaining(), OnSolutionCost, cancellationToken);
                }

                if (runs[w] is null && !Probe() && Pack() is { } packed)
                {
                    using var strict = new SearchModel(problem, included, options, options.Seed + w, softMandatory: false);
                    runs[w] = strict.Search(Remaining(), OnSolutionCost, cancellationToken, packed);
                }

                // Last resort, soft mandatory orders (time windows at the vehicle count of a best-known plan defeat every
                // strict construction tried: PATH_CHEAPEST_ARC with a 3 s probe on all 56 capped Solomon instances, the
                // cheapest-insertion ones and savings with 1 s probes on 10-11 of a 17-instance R/RC sample). Even workers re-insert
                // ruined orders in random order (time-windowed problems), odd ones in OR-Tools' default order: on that
                // sample at 15 s, 1.06 % mean gap (15 instances) against 2.31 % for the previous fallback (default order
                // on even workers, GLS on odd ones; random order on even workers with GLS on odd ones: 1.36 %). Random
                // order re-inserts better but can stall with an order left out (RC103 at 11 vehicles: one order out on
                // both workers): a search still leaving mandatory orders out after a quarter of its time restarts with
                // the default order, which covered RC103 (1277, 30 s).
                if (runs[w] is null && !cancellationToken.IsCancellationRequested)
                {
                    using var soft = new SearchModel(problem, included, options, options.Seed + w, softMandatory: true);
                    var defaultOrder = SearchParameters(options);
                    TimeSpan? coverBy = options.SolutionLimit is null && options.Search == RoutingSearch.IteratedLocalSearch ? (options.TimeLimit - wall.Elapsed) / 4 : null;
                    var run = soft.Search(Remaining(workers > 1 && w % 2 == 1 ? defaultOrder : parameters), OnSolutionCost, cancellationToken, coverBy: coverBy);
                    if (run is not null && soft.GaveUpUncovered && TimeLeft())
                    {
                        using var restart = new SearchModel(problem, included, options, options.Seed + w, softMandatory: true);
                        if (restart.Search(Remaining(defaultOrder), OnSolutionCost, cancellationToken) is { } again && again.IsBetterThan(run))
                        {
                            run = again;
                        }
                    }

                    runs[w] = run;
                }
            }
            catch (Exception ex)
            {
                // Rethrown on the calling thread below (an exception escaping a worker thread would end the process).
                failures[w] = ex;
            }
        }

        if (workers == 1)
        {
            RunWorker(0);
        }
        else
        {
            // One thread per worker: each OR-Tools search is single-threaded and owns its model.
            var threads = Enumerable.Range(0, workers).Select(w => new Thread(() => RunWorker(w), 16 * 1024 * 1024) { IsBackground = true }).ToArray();
            foreach (var t in threads)
            {
                t.Start();
            }

            foreach (var t in threads)
            {
                t.Join();
            }
        }

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        // Ties go to the lowest worker, so a given seed and solution limit give the same plan.
        Candidate? best = null;
        string status = "";
        foreach (var run in runs)
        {
            if (run is not null && (best is null || run.IsBetterThan(best)))
            {
                best = run;
                status = run.Status;
            }
        }

        bool usedFallback = best?.SoftMandatory ?? false;
        long wallMs = wall.ElapsedMilliseconds;
        if (best is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (int i in included)
            {
                unserved.Add(new DroppedOrder(problem.Orders[i].Id, UnservedReason.Other, $"order {problem.Orders[i].Id}: the search found no solution within its limits"));
            }

            return BuildPlan(problem, new List<Visit>[problem.Vehicles.Count].Select(_ => new List<Visit>()).ToArray(), unserved, new RoutingSearchStats(solutions, status, wallMs, workers, usedFallback, 0));
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

        return BuildPlan(problem, best.Routes, unserved, new RoutingSearchStats(solutions, status, wallMs, workers, usedFallback, polishMoves));
    }

    /// <summary>Fill of the fleet: total weight of the orders over total vehicle capacity (tonnes).</summary>
    private static double FleetFill(RoutingProblem problem, List<int> included) =>
        included.Sum(i => problem.Orders[i].WeightT) / Math.Max(1e-9, problem.Vehicles.Sum(v => v.Type.CapacityT));

    /// <summary>
    /// Cost per tonne over capacity in the soft-capacity search: <see cref="SoftCapacityFactor"/> × the mean cost of
    /// driving from a start depot to an order, per mean tonne of an order.
    /// </summary>
    private static double OverloadPenaltyPerT(RoutingProblem problem, List<int> included)
    {
        double costPerKm = problem.VehicleTypes.Max(t => t.CostPerKm);
        double meanLeg = included.Average(i => problem.Vehicles.Min(v => problem.Matrix.DistanceKm(v.StartLocation, problem.Orders[i].DeliveryLocation))) * costPerKm;
        double meanWeight = Math.Max(1e-9, included.Average(i => problem.Orders[i].WeightT));
        return Math.Max(1e-9, SoftCapacityFactor * meanLeg / meanWeight);
    }

    private sealed record Candidate(List<Visit>[] Routes, double Cost, int MandatoryUnserved, string Status, bool SoftMandatory)
    {
        /// <summary>Fewer mandatory orders left out (only the soft fallback leaves any out), then a lower cost.</summary>
        public bool IsBetterThan(Candidate other) =>
            MandatoryUnserved < other.MandatoryUnserved || (MandatoryUnserved == other.MandatoryUnserved && Cost < other.Cost - 1e-9);
    }

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

    private static void AddLoadDimension(RoutingModel model, long[] delta, double[] capacities, bool signed, string name)
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

    }

    private static bool NeedsTimeDimension(RoutingProblem problem) =>
        problem.HasPickupAndDelivery
        || !double.IsPositiveInfinity(problem.HorizonMin)
        || problem.VehicleTypes.Any(t => t.MaxShiftMin.HasValue)
        || HasTimeWindows(problem);

    private static bool HasTimeWindows(RoutingProblem problem) =>
        problem.Orders.Any(o => !o.DeliveryWindow.IsUnbounded(problem.HorizonMin) || !o.EffectivePickupWindow.IsUnbounded(problem.HorizonMin));

    private static RoutingSearchParameters SearchParameters(RoutingOptions options, bool randomRecreate = false)
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
        p.TimeLimit = Duration.FromTimeSpan(options.TimeLimit);
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
        if (randomRecreate)
        {
            var lci = new LocalCheapestInsertionParameters();
            lci.InsertionSortingProperties.Add(LocalCheapestInsertionParameters.Types.InsertionSortingProperty.SortingPropertyRandom);
            rr.RecreateStrategy.Parameters = new RecreateParameters { LocalCheapestInsertion = lci };
        }
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

    private static DeliveryPlan BuildPlan(RoutingProblem problem, List<Visit>[] routes, List<DroppedOrder> unserved, RoutingSearchStats stats)
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
                return new VehicleStop(o.Id, x.Kind, loc, sim.Arrival[i], sim.ServiceStart[i], sim.LoadAfter[i], sim.VolumeAfter[i]);
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
