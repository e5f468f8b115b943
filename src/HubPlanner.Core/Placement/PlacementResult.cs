namespace HubPlanner.Core.Placement;

/// <summary>A constraint that makes (or may make) the problem infeasible, named in a sentence.</summary>
/// <param name="Constraint">Short tag: "spacing", "capacity", "forced-forbidden", "budget", "hub-count", "coverage", "redundancy", "solver".</param>
/// <param name="Sentence">Human explanation naming the sites, points and numbers involved.</param>
public sealed record PlacementDiagnostic(string Constraint, string Sentence);

/// <summary>Demand (or part of it) served by an open hub.</summary>
/// <param name="Fraction">Share of the point's demand served by this hub (1 unless split).</param>
public sealed record DemandAssignment(string DemandId, string SiteId, double Fraction, double Cost);

/// <summary>Demand not served (or not covered), and why.</summary>
public sealed record UnservedDemand(string DemandId, double Fraction, string Reason);

/// <summary>Solver statistics.</summary>
public sealed record PlacementSolveStats(
    string Engine,
    TimeSpan WallTime,
    int Variables,
    int Constraints,
    long Nodes,
    double? HeuristicObjective);

/// <summary>Progress of a solve: best objective and bound so far.</summary>
public sealed record PlacementProgress(string Phase, double? Objective, double? Bound, TimeSpan Elapsed);

/// <summary>Immutable result of a placement solve.</summary>
/// <param name="Objective">Objective of the returned solution in the model's sense (NaN if none).</param>
/// <param name="BestBound">Best proven bound on the objective (NaN if none).</param>
/// <param name="Gap">Relative gap |objective − bound| / max(|objective|, 1e-9); 0 when optimal.</param>
/// <param name="OpenSiteIds">Open hubs, in site order.</param>
/// <param name="IneligibleSites">Sites excluded before solving, with the reason (stand-off, forbidden).</param>
/// <param name="CoveredWeight">Covering models: weight covered (once); else the weight served.</param>
public sealed record PlacementResult(
    PlacementModel Model,
    SolveStatus Status,
    double Objective,
    double BestBound,
    double Gap,
    IReadOnlyList<string> OpenSiteIds,
    IReadOnlyList<DemandAssignment> Assignments,
    IReadOnlyList<UnservedDemand> Unserved,
    IReadOnlyList<PlacementDiagnostic> Diagnostics,
    IReadOnlyList<SiteIneligibility> IneligibleSites,
    double CoveredWeight,
    PlacementSolveStats Stats)
{
    /// <summary>True when a solution is returned.</summary>
    public bool HasSolution => Status is SolveStatus.Optimal or SolveStatus.Feasible;
}
