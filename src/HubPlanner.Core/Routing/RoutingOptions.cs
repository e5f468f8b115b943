namespace HubPlanner.Core.Routing;

/// <summary>How the OR-Tools routing search improves its first solution.</summary>
public enum RoutingSearch
{
    /// <summary>Plain OR-Tools: the given first solution strategy + guided local search (the benchmark baseline).</summary>
    GuidedLocalSearch,

    /// <summary>OR-Tools' iterated local search with ruin-and-recreate (SISR, spatially close routes, random walk) and simulated-annealing acceptance.</summary>
    IteratedLocalSearch,
}

/// <summary>First solution heuristic (subset of OR-Tools' strategies that suit the orders modelled here).</summary>
public enum FirstSolution { Automatic, PathCheapestArc, Savings, ParallelCheapestInsertion, LocalCheapestInsertion }

/// <summary>Options of <see cref="DeliveryRouter.Solve"/>.</summary>
/// <param name="TimeLimit">Wall-time limit of each search. Always set, because GLS never stops on its own and cancellation only fires on new solutions.</param>
/// <param name="SolutionLimit">Stop after this many solutions (first included); use it, not time, where determinism matters.</param>
/// <param name="Seed">Permutes the model's node order (0 = problem order); a given seed with a solution limit gives the same routes.</param>
/// <param name="Workers">Searches run in parallel, worker w on its own model with seed <c>Seed+w</c>, each for the whole time limit (the solution limit applies to each); the best plan wins, ties to the lowest worker. 0 = one per processor, at most <see cref="MaxAutoWorkers"/>. The OR-Tools search is single-threaded; measured on a quiet 2-core machine, two concurrent searches each kept 95 % of the solution rate of one alone.</param>
/// <param name="NeighborsRatio">Fraction of nearest neighbours OR-Tools' operators consider (1 = all; at least 10 are kept). Measured harmful with ILS on Augerat A (ratio 1e-4: 17.8 % mean gap instead of 0.7 %), so off by default; kept for very large instances.</param>
/// <param name="CostScale">Integer cost units per cost unit inside OR-Tools (costs are rounded to 1/CostScale).</param>
/// <param name="PostOptimize">Finish with HubPlanner's own 2-opt / relocate descent in exact arithmetic (at most <see cref="PostOptimizeMoves"/> moves).</param>
/// <param name="TimeScale">Integer ticks per minute inside OR-Tools; transit times are rounded up so OR-Tools' schedules stay feasible in exact arithmetic.</param>
public sealed record RoutingOptions(
    TimeSpan TimeLimit,
    long? SolutionLimit = null,
    int Seed = 0,
    RoutingSearch Search = RoutingSearch.IteratedLocalSearch,
    FirstSolution FirstSolution = FirstSolution.Automatic,
    int Workers = 0,
    double NeighborsRatio = 1.0,
    double CostScale = 100,
    double TimeScale = 60,
    bool PostOptimize = true,
    int PostOptimizeMoves = 10_000)
{
    /// <summary>Upper bound of the automatic worker count.</summary>
    public const int MaxAutoWorkers = 4;

    /// <summary>Plain OR-Tools as the benchmark baseline uses it: PATH_CHEAPEST_ARC + GLS, one search, no extras.</summary>
    public static RoutingOptions PlainOrTools(TimeSpan timeLimit) =>
        new(timeLimit, Search: RoutingSearch.GuidedLocalSearch, FirstSolution: FirstSolution.PathCheapestArc, Workers: 1, PostOptimize: false);

    /// <summary>The number of parallel searches <see cref="DeliveryRouter.Solve"/> runs.</summary>
    public int EffectiveWorkers => Workers > 0 ? Workers : Math.Clamp(Environment.ProcessorCount, 1, MaxAutoWorkers);

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentException">Says which option is wrong.</exception>
    public void Validate()
    {
        if (TimeLimit <= TimeSpan.Zero)
        {
            throw new ArgumentException($"time limit {TimeLimit} must be positive");
        }

        if (SolutionLimit is long s && s < 1)
        {
            throw new ArgumentException($"solution limit {s} must be at least 1");
        }

        if (Workers < 0)
        {
            throw new ArgumentException($"workers {Workers} must be non-negative (0 = one per processor)");
        }

        if (!(NeighborsRatio > 0 && NeighborsRatio <= 1))
        {
            throw new ArgumentException($"neighbours ratio {NeighborsRatio} must be in (0, 1]");
        }

        if (!(CostScale > 0) || !(TimeScale > 0))
        {
            throw new ArgumentException("cost and time scales must be positive");
        }
    }
}
