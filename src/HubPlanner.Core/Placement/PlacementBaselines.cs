using System.Diagnostics;

namespace HubPlanner.Core.Placement;

/// <summary>
/// Textbook formulations with full assignment variables and SCIP's default settings (apart from the time
/// limit and a zero gap), kept as the baselines that benchmarks measure in the same run.
/// </summary>
public static class PlacementBaselines
{
    /// <summary>p-median with z_ij ≤ x_j and Σ_j z_ij = 1 (ReVelle–Swain).</summary>
    public static PlacementResult PMedianAssignment(PlacementProblem problem, PlacementOptions options, CancellationToken cancellationToken = default) =>
        Run(problem, options, PlacementModel.PMedian, ctx => PlacementModels.PMedianAssignment(ctx, cancellationToken));

    /// <summary>CFLP with the aggregated capacity rows only (Σ_i d_i z_ij ≤ C_j x_j, no z_ij ≤ x_j): the weak textbook form.</summary>
    public static PlacementResult CflpWeak(PlacementProblem problem, PlacementOptions options, CancellationToken cancellationToken = default) =>
        Run(problem, options, PlacementModel.Cflp, ctx => PlacementModels.Capacitated(ctx, SideConstraints.All, null, cancellationToken, strongLinking: false));

    /// <summary>MCLP with one coverage variable per demand point (no merging of identical cover sets).</summary>
    public static PlacementResult MclpPerPoint(PlacementProblem problem, PlacementOptions options, CancellationToken cancellationToken = default) =>
        Run(problem, options, PlacementModel.Mclp, ctx => PlacementModels.Mclp(ctx, SideConstraints.All, null, cancellationToken, mergeClasses: false));

    /// <summary>Solves <paramref name="model"/> (on SCIP, whatever the options say) with <paramref name="formulation"/>, without pre-checks or heuristics.</summary>
    private static PlacementResult Run(PlacementProblem problem, PlacementOptions options, PlacementModel model, Func<PlacementContext, ModelSolution> formulation)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sw = Stopwatch.StartNew();
        var forced = options with { Model = model, Engine = PlacementEngine.Scip };
        var ctx = new PlacementContext(problem, forced, PlacementModelCatalog.Default.Get(model));
        return PlacementSolver.Build(ctx, formulation(ctx), [], sw.Elapsed);
    }
}
