namespace HubPlanner.Core;

/// <summary>Outcome of an optimisation solve (placement, allocation): the one status the solvers share.</summary>
public enum SolveStatus
{
    /// <summary>Proven optimal (relative gap 0, or the requested gap).</summary>
    Optimal,

    /// <summary>A feasible solution without a proof (time limit or cancellation).</summary>
    Feasible,

    /// <summary>No solution exists; the result's diagnostics say which constraints conflict.</summary>
    Infeasible,

    /// <summary>Stopped before any solution was found.</summary>
    TimedOut,
}
