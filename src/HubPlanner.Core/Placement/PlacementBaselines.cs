using System.Diagnostics;

namespace HubPlanner.Core.Placement;

/// <summary>
/// Textbook formulations with full assignment variables and SCIP's default settings (apart from the time
/// limit and a zero gap), kept as the baselines that benchmarks measure in the same run.
/// </summary>
public static class PlacementBaselines
{
    /// <summary>p-median with z_ij ≤ x_j and Σ_j z_ij = 1 (ReVelle–Swain).</summary>
    public static PlacementResult PMedianAssignment(PlacementProblem problem, PlacementOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sw = Stopwatch.StartNew();
        var ctx = new PlacementContext(problem, options with { Model = PlacementModel.PMedian, Engine = PlacementEngine.Scip });
        var sol = PlacementModels.PMedianAssignment(ctx, cancellationToken);
        return PlacementSolver.Build(ctx, sol, [], sw.Elapsed);
    }

    /// <summary>CFLP with the aggregated capacity rows only (Σ_i d_i z_ij ≤ C_j x_j, no z_ij ≤ x_j): the weak textbook form.</summary>
    public static PlacementResult CflpWeak(PlacementProblem problem, PlacementOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sw = Stopwatch.StartNew();
        var ctx = new PlacementContext(problem, options with { Model = PlacementModel.Cflp, Engine = PlacementEngine.Scip });
        var sol = PlacementModels.Capacitated(ctx, SideConstraints.All, coverage: false, null, cancellationToken, strongLinking: false);
        return PlacementSolver.Build(ctx, sol, [], sw.Elapsed);
    }

    /// <summary>MCLP with one coverage variable per demand point (no merging of identical cover sets).</summary>
    public static PlacementResult MclpPerPoint(PlacementProblem problem, PlacementOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sw = Stopwatch.StartNew();
        var ctx = new PlacementContext(problem, options with { Model = PlacementModel.Mclp, Engine = PlacementEngine.Scip });
        var sol = PlacementModels.Mclp(ctx, SideConstraints.All, null, cancellationToken, mergeClasses: false);
        return PlacementSolver.Build(ctx, sol, [], sw.Elapsed);
    }
}
