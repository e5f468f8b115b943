namespace HubPlanner.Core.Planning;

/// <summary>How a solver's status reads in a stage summary.</summary>
internal static class StageStatuses
{
    public static StageStatus ToStageStatus(this SolveStatus status) => status switch
    {
        SolveStatus.Optimal => StageStatus.Optimal,
        SolveStatus.Feasible => StageStatus.Feasible,
        SolveStatus.TimedOut => StageStatus.TimedOut,
        _ => StageStatus.Infeasible,
    };
}
