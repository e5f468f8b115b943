using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

namespace HubPlanner.Core.Routing;

public static partial class DeliveryRouter
{
    /// <summary>
    /// The parallel search of one solve: the search parameters and time budget every worker shares, which strategy
    /// each worker runs (<see cref="Worker"/>), the progress of the best solution so far, and the pick of the best run.
    /// </summary>
    private sealed class WorkerPool
    {
        private readonly RoutingProblem problem;
        private readonly List<int> included;
        private readonly RoutingOptions options;
        private readonly IProgress<RoutingProgress>? progress;
        private readonly CancellationToken cancellationToken;
        private readonly Stopwatch wall = Stopwatch.StartNew();
        private readonly Lock sync = new();
        private readonly Candidate?[] runs;
        private readonly Exception?[] failures;
        private readonly RoutingSearchParameters parameters;
        private readonly RoutingSearchParameters probe;
        private readonly TimeSpan packLimit;
        private readonly double overloadPenaltyPerT;
        private readonly bool packFirst;
        private long bestScaled = long.MaxValue;

        public WorkerPool(RoutingProblem problem, List<int> included, RoutingOptions options, IProgress<RoutingProgress>? progress,
            CancellationToken cancellationToken)
        {
            this.problem = problem;
            this.included = included;
            this.options = options;
            this.progress = progress;
            this.cancellationToken = cancellationToken;
            Workers = options.EffectiveWorkers;
            runs = new Candidate?[Workers];
            failures = new Exception?[Workers];

            // Time-windowed orders (without pickup-and-delivery pairs): the ILS re-inserts ruined orders in random order.
            bool randomRecreate = HasTimeWindows(problem) && !problem.HasPickupAndDelivery;
            parameters = SearchParameters(options, randomRecreate);
            probe = SearchParameters(options);
            probe.SolutionLimit = 1;
            probe.TimeLimit = Duration.FromTimeSpan(TimeSpan.FromTicks(Math.Min(options.TimeLimit.Ticks, Math.Max(TimeSpan.FromSeconds(1).Ticks, options.TimeLimit.Ticks / 10))));
            probe.UseIteratedLocalSearch = false;
            probe.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GreedyDescent;
            packLimit = TimeSpan.FromTicks(Math.Min(options.TimeLimit.Ticks, Math.Max(TimeSpan.FromSeconds(1).Ticks, options.TimeLimit.Ticks * 3 / 10)));

            // Fleets filled to 95 % or more: ruin-and-recreate then mostly fails to re-insert what it removed, so the
            // workers search with soft capacities (overload allowed at a cost, the best plan within capacity kept), as
            // penalty-based CVRP heuristics do, alternating a high and a low penalty. Measured on 15 tight Augerat
            // instances at 5 s (fleet = k), two workers: strict ILS 1.8 % mean gap; soft capacity 0.8 / 0.2 / 1.4 % on
            // the A / B / P ones at factor 5 (2: 0.7 / 1.0 / 5.0 %; 10: 0.8 / 7.0 / 1.7 %), with the two factors failing
            // on different instances; on X (fleet k+3, not tight) soft capacity was worse (2.8 % vs 1.9 %).
            double fill = FleetFill(problem, included);
            overloadPenaltyPerT = !problem.HasPickupAndDelivery && fill >= TightFleetFill
                ? OverloadPenaltyPerT(problem, included)
                : 0;
            packFirst = Workers > 1 && fill >= PackedFleetFill && CapacityStart.Applies(problem);
        }

        /// <summary>Parallel searches; worker w uses seed <c>Seed + w</c>.</summary>
        public int Workers { get; }

        /// <summary>Solutions reported by every worker so far.</summary>
        public int Solutions { get; private set; }

        /// <summary>Wall time since the solve started.</summary>
        public long WallMs => wall.ElapsedMilliseconds;

        /// <summary>Runs every worker (one thread each when there are several) and rethrows the first failure.</summary>
        public void RunAll()
        {
            if (Workers == 1)
            {
                RunWorker(0);
            }
            else
            {
                // One thread per worker: each OR-Tools search is single-threaded and owns its model.
                var threads = Enumerable.Range(0, Workers).Select(w => new Thread(() => RunWorker(w), 16 * 1024 * 1024) { IsBackground = true }).ToArray();
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
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }

        /// <summary>The best run and its OR-Tools status. Ties go to the lowest worker, so a given seed and solution
        /// limit give the same plan.</summary>
        public (Candidate? Best, string Status) Best()
        {
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

            return (best, status);
        }

        private void RunWorker(int w)
        {
            try
            {
                runs[w] = new Worker(this, w).Search();
            }
            catch (Exception ex)
            {
                // Rethrown on the calling thread by RunAll (an exception escaping a worker thread would end the process).
                failures[w] = ex;
            }
        }

        private void OnSolutionCost(long cost)
        {
            lock (sync)
            {
                Solutions++;
                if (cost < bestScaled)
                {
                    bestScaled = cost;
                    progress?.Report(new RoutingProgress(Solutions, cost / options.CostScale, wall.ElapsedMilliseconds));
                }
            }
        }

        /// <summary>What is left of the time limit (probing and packing count against it); with a solution limit, all of it.</summary>
        private RoutingSearchParameters Remaining(RoutingSearchParameters? of = null)
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

        private bool TimeLeft() => options.SolutionLimit is not null || wall.Elapsed < options.TimeLimit * 0.9;

        /// <summary>
        /// One worker's search. The strict model first. When its first-solution heuristic fails (a tight fleet can
        /// defeat it), the search would spend the whole limit looking for a first solution: a short probe tells. Then
        /// a CP-SAT packing of the orders is the start, or else mandatory orders become droppable at a prohibitive
        /// penalty so that a plan still comes back.
        /// </summary>
        private sealed class Worker(WorkerPool pool, int w)
        {
            private bool? strictWorks;
            private bool packTried;
            private List<Visit>[]? packing;

            private int Seed => pool.options.Seed + w;

            public Candidate? Search()
            {
                Candidate? run = null;

                // With a tight fleet, even workers search with the high overload penalty, odd ones with the low one;
                // at 99 % fill packing is the hard part, and odd workers start from a CP-SAT packing instead.
                if (pool.packFirst && w % 2 == 1 && Pack() is { } packedFirst)
                {
                    run = Strict(packedFirst);
                }

                if (run is null && pool.overloadPenaltyPerT > 0)
                {
                    run = SoftCapacity();
                }

                if (run is null && Probe())
                {
                    run = Strict(start: null);
                }

                if (run is null && !Probe() && Pack() is { } packed)
                {
                    run = Strict(packed);
                }

                if (run is null && !pool.cancellationToken.IsCancellationRequested)
                {
                    run = SoftMandatory();
                }

                return run;
            }

            private Candidate? Strict(List<Visit>[]? start)
            {
                using var strict = new SearchModel(pool.problem, pool.included, pool.options, Seed, softMandatory: false);
                return strict.Search(pool.Remaining(), pool.OnSolutionCost, pool.cancellationToken, start);
            }

            private Candidate? SoftCapacity()
            {
                double penalty = pool.overloadPenaltyPerT * (w % 2 == 0 ? 1 : LowSoftCapacityFactor / SoftCapacityFactor);
                using var softCapacity = new SearchModel(pool.problem, pool.included, pool.options, Seed, softMandatory: false, penalty);
                return softCapacity.Search(pool.Remaining(), pool.OnSolutionCost, pool.cancellationToken);
            }

            /// <summary>
            /// Last resort, soft mandatory orders (time windows at the vehicle count of a best-known plan defeat every
            /// strict construction tried: PATH_CHEAPEST_ARC with a 3 s probe on all 56 capped Solomon instances, the
            /// cheapest-insertion ones and savings with 1 s probes on 10-11 of a 17-instance R/RC sample). Even workers re-insert
            /// ruined orders in random order (time-windowed problems), odd ones in OR-Tools' default order: on that
            /// sample at 15 s, 1.06 % mean gap (15 instances) against 2.31 % for the previous fallback (default order
            /// on even workers, GLS on odd ones; random order on even workers with GLS on odd ones: 1.36 %). Random
            /// order re-inserts better but can stall with an order left out (RC103 at 11 vehicles: one order out on
            /// both workers): a search still leaving mandatory orders out after a quarter of its time restarts with
            /// the default order, which covered RC103 (1277, 30 s).
            /// </summary>
            private Candidate? SoftMandatory()
            {
                var options = pool.options;
                var ct = pool.cancellationToken;
                using var soft = new SearchModel(pool.problem, pool.included, options, Seed, softMandatory: true);
                var defaultOrder = SearchParameters(options);
                TimeSpan? coverBy = options.SolutionLimit is null && options.Search == RoutingSearch.IteratedLocalSearch ? (options.TimeLimit - pool.wall.Elapsed) / 4 : null;
                var run = soft.Search(pool.Remaining(pool.Workers > 1 && w % 2 == 1 ? defaultOrder : pool.parameters), pool.OnSolutionCost, ct, coverBy: coverBy);
                if (run is not null && soft.GaveUpUncovered && pool.TimeLeft())
                {
                    using var restart = new SearchModel(pool.problem, pool.included, options, Seed, softMandatory: true);
                    if (restart.Search(pool.Remaining(defaultOrder), pool.OnSolutionCost, ct) is { } again && again.IsBetterThan(run))
                    {
                        run = again;
                    }
                }

                return run;
            }

            /// <summary>Whether the strict model finds a first solution (a short probe, run once per worker).</summary>
            private bool Probe()
            {
                if (strictWorks is null && !pool.TimeLeft())
                {
                    // Out of time after an unsuccessful search: only the last-resort fallback remains.
                    strictWorks = false;
                }
                else if (strictWorks is null)
                {
                    using var probing = new SearchModel(pool.problem, pool.included, pool.options, Seed, softMandatory: false);
                    strictWorks = pool.options.SolutionLimit is not null || probing.Search(pool.probe, _ => { }, pool.cancellationToken) is not null;
                }

                return strictWorks.Value;
            }

            /// <summary>A CP-SAT packing of the orders into the vehicles, built at most once per worker; null when none.</summary>
            private List<Visit>[]? Pack()
            {
                if (!packTried && pool.TimeLeft() && CapacityStart.Applies(pool.problem))
                {
                    packing = CapacityStart.Build(pool.problem, pool.included, pool.packLimit, Seed, pool.cancellationToken);
                }

                packTried = true;
                return packing;
            }
        }
    }
}
