using System.Globalization;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

namespace HubPlanner.Core.Routing;

/// <summary>
/// The routing stage: builds an OR-Tools routing model from a <see cref="RoutingProblem"/> (costs, times and loads
/// registered as matrices / vectors, so the hot path stays native), searches, and returns a <see cref="DeliveryPlan"/>
/// whose unserved orders carry the binding reason. One solve screens the orders (<c>ScreenOrders</c>), runs the
/// parallel workers (<c>WorkerPool</c>: which strategy each worker runs; <c>Worker</c>: one worker's search, in
/// DeliveryRouter.Workers.cs) over OR-Tools models (<c>SearchModel</c>, DeliveryRouter.SearchModel.cs), then polishes
/// the best run and explains every dropped order.
/// </summary>
public static partial class DeliveryRouter
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
    /// <exception cref="OperationCanceledException">Cancelled before the search found any solution.</exception>
    public static DeliveryPlan Solve(RoutingProblem problem, RoutingOptions options, IProgress<RoutingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var (included, unserved) = ScreenOrders(problem);
        if (included.Count == 0 || problem.Vehicles.Count == 0)
        {
            return BuildPlan(problem, NoRoutes(problem), unserved, new RoutingSearchStats(0, "NO_ORDERS_TO_ROUTE", 0, 0, false, 0));
        }

        // The construction solution comes first and needs no search: whatever the search manages in its time, the
        // plan never delivers less than this greedy pass.
        var construction = CheapestInsertion.Build(problem, included, cancellationToken);
        var pool = new WorkerPool(problem, included, options, progress, cancellationToken);
        pool.RunAll();
        var (best, status) = pool.Best();
        bool usedFallback = best?.SoftMandatory ?? false;
        long wallMs = pool.WallMs;
        if (best is null && cancellationToken.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        List<Visit>[] routes;
        bool usedConstruction = best is null || IsBetter(problem, included, construction, best.Routes);
        if (usedConstruction)
        {
            routes = construction;
            status = best is null ? $"{status} (no search solution; construction kept)".TrimStart() : $"{status} (construction kept: the search did worse)";
            usedFallback = false;
        }
        else
        {
            routes = best!.Routes;
        }

        int polishMoves = 0;
        if (options.PostOptimize)
        {
            polishMoves = RoutePolisher.Polish(problem, routes, options.PostOptimizeMoves, cancellationToken);
        }

        var served = new HashSet<int>(routes.SelectMany(r => r).Select(v => v.Order));
        foreach (int i in included.Where(i => !served.Contains(i)))
        {
            unserved.Add(Diagnosis.ExplainDrop(problem, i, routes));
        }

        return BuildPlan(problem, routes, unserved,
            new RoutingSearchStats(pool.Solutions, status, wallMs, pool.Workers, usedFallback, polishMoves, usedConstruction));
    }

    /// <summary>The construction solution alone (cheapest insertion, no OR-Tools search, no polish), as a plan: what
    /// <see cref="Solve"/> never falls below.</summary>
    internal static DeliveryPlan Construct(RoutingProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var (included, unserved) = ScreenOrders(problem);
        var routes = CheapestInsertion.Build(problem, included, cancellationToken);
        var served = new HashSet<int>(routes.SelectMany(r => r).Select(v => v.Order));
        foreach (int i in included.Where(i => !served.Contains(i)))
        {
            unserved.Add(Diagnosis.ExplainDrop(problem, i, routes));
        }

        return BuildPlan(problem, routes, unserved, new RoutingSearchStats(0, "CONSTRUCTION", 0, 0, false, 0, UsedConstruction: true));
    }

    /// <summary>True when <paramref name="a"/> leaves fewer mandatory orders out than <paramref name="b"/>, or as
    /// many at a lower cost (route costs plus the drop penalties of the optional orders left out).</summary>
    private static bool IsBetter(RoutingProblem problem, List<int> included, List<Visit>[] a, List<Visit>[] b)
    {
        var (missingA, costA) = Score(problem, included, a);
        var (missingB, costB) = Score(problem, included, b);
        return missingA < missingB || (missingA == missingB && costA < costB - 1e-6);
    }

    private static (int MandatoryMissing, double Cost) Score(RoutingProblem problem, List<int> included, List<Visit>[] routes)
    {
        double cost = 0;
        for (int v = 0; v < routes.Length; v++)
        {
            cost += routes[v].Count == 0 ? 0 : RouteSimulator.Simulate(problem, problem.Vehicles[v], routes[v]).Cost;
        }

        var served = new HashSet<int>(routes.SelectMany(r => r).Select(x => x.Order));
        int missing = 0;
        foreach (int i in included.Where(i => !served.Contains(i)))
        {
            var o = problem.Orders[i];
            if (o.Optional)
            {
                cost += problem.DropPenalty(o);
            }
            else
            {
                missing++;
            }
        }

        return (missing, cost);
    }

    /// <summary>Orders no vehicle could serve even alone are reported up front; the rest go to the search.</summary>
    private static (List<int> Included, List<DroppedOrder> Unserved) ScreenOrders(RoutingProblem problem)
    {
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

        return (included, unserved);
    }

    private static List<Visit>[] NoRoutes(RoutingProblem problem) =>
        new List<Visit>[problem.Vehicles.Count].Select(_ => new List<Visit>()).ToArray();

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
