using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;
using HubPlanner.Core.Placement;

namespace HubPlanner.Core.Allocation;

/// <summary>Options of an allocation solve.</summary>
public sealed record AllocationOptions(TimeSpan? TimeLimit = null, int Seed = 0, double RelativeGap = 0);

/// <summary>Units of one type stored at one hub.</summary>
public sealed record HubAllocation(string HubId, string TypeId, int Units, double WeightT);

/// <summary>How many allocated units cover a cell.</summary>
public sealed record CellCover(string CellId, int CoverCount, bool Covered);

/// <summary>Result of an allocation: units per (hub, type), the covered weight and per-cell cover counts.</summary>
public sealed record AllocationResult(
    SolveStatus Status,
    double CoveredWeight,
    double BestBound,
    double Gap,
    IReadOnlyList<HubAllocation> Units,
    IReadOnlyList<CellCover> Cells,
    IReadOnlyList<PlacementDiagnostic> Diagnostics,
    TimeSpan WallTime);

/// <summary>
/// Typed equipment allocation (MIP, SCIP): n_ht ∈ ℕ units of type t at hub h; Σ_t weight_t n_ht ≤ capacity_h;
/// Σ_h n_ht ≤ inventory_t; u_c ≤ Σ_{(h,t) covers c} n_ht with u_c ∈ {0,1}; Σ_{(h,t) covers c} n_ht ≥ k_c for cells
/// with a redundancy target; maximise Σ weight_c u_c.
/// </summary>
public static class AllocationSolver
{
    public static AllocationResult Solve(
        AllocationProblem problem,
        AllocationOptions? options = null,
        IProgress<PlacementProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new AllocationOptions();
        var sw = Stopwatch.StartNew();
        int nh = problem.Hubs.Count, nt = problem.Types.Count, nc = problem.Cells.Count;
        var diagnostics = Precheck(problem);
        if (diagnostics.Count > 0)
        {
            return new AllocationResult(SolveStatus.Infeasible, 0, double.NaN, double.NaN, [], [], diagnostics, sw.Elapsed);
        }

        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available");
        var n = new Variable?[nh, nt];
        for (int h = 0; h < nh; h++)
        {
            for (int t = 0; t < nt; t++)
            {
                bool useful = false;
                for (int c = 0; c < nc && !useful; c++)
                {
                    useful = problem.Covers[h, t, c];
                }

                int max = (int)Math.Min(problem.Types[t].Inventory, Math.Floor(problem.Hubs[h].CapacityT / problem.Types[t].WeightT + 1e-9));
                if (useful && max > 0)
                {
                    n[h, t] = solver.MakeIntVar(0, max, $"n{h}_{t}");
                }
            }
        }

        for (int h = 0; h < nh; h++)
        {
            var cap = solver.MakeConstraint(double.NegativeInfinity, problem.Hubs[h].CapacityT);
            for (int t = 0; t < nt; t++)
            {
                if (n[h, t] is { } v)
                {
                    cap.SetCoefficient(v, problem.Types[t].WeightT);
                }
            }
        }

        for (int t = 0; t < nt; t++)
        {
            var inv = solver.MakeConstraint(double.NegativeInfinity, problem.Types[t].Inventory);
            for (int h = 0; h < nh; h++)
            {
                if (n[h, t] is { } v)
                {
                    inv.SetCoefficient(v, 1);
                }
            }
        }

        var objective = solver.Objective();
        var covered = new Variable?[nc];
        for (int c = 0; c < nc; c++)
        {
            var cell = problem.Cells[c];
            var terms = new List<Variable>();
            for (int h = 0; h < nh; h++)
            {
                for (int t = 0; t < nt; t++)
                {
                    if (problem.Covers[h, t, c] && n[h, t] is { } v)
                    {
                        terms.Add(v);
                    }
                }
            }

            if (terms.Count == 0)
            {
                continue;
            }

            if (cell.Weight > 0)
            {
                var u = solver.MakeIntVar(0, 1, $"u{c}");
                covered[c] = u;
                var link = solver.MakeConstraint(double.NegativeInfinity, 0);
                link.SetCoefficient(u, 1);
                foreach (var v in terms)
                {
                    link.SetCoefficient(v, -1);
                }

                objective.SetCoefficient(u, cell.Weight);
            }

            if (cell.RedundancyTarget > 0)
            {
                var k = solver.MakeConstraint(cell.RedundancyTarget, double.PositiveInfinity);
                foreach (var v in terms)
                {
                    k.SetCoefficient(v, 1);
                }
            }
        }

        objective.SetMaximization();
        if (options.TimeLimit is { } tl)
        {
            solver.SetTimeLimit((long)Math.Max(1, tl.TotalMilliseconds));
        }

        solver.SetSolverSpecificParametersAsString(string.Create(CultureInfo.InvariantCulture, $"randomization/randomseedshift = {Math.Abs(options.Seed) % 1_000_000}\n"));
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.RelativeGap);
        Solver.ResultStatus status;
        using (cancellationToken.Register(() => solver.InterruptSolve()))
        {
            status = solver.Solve(parameters);
        }

        if (status == Solver.ResultStatus.INFEASIBLE)
        {
            return new AllocationResult(SolveStatus.Infeasible, 0, double.NaN, double.NaN, [], [], [new PlacementDiagnostic(
                "redundancy",
                "the redundancy targets cannot all be met together within hub capacities and inventories (each one alone can)")], sw.Elapsed);
        }

        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            return new AllocationResult(SolveStatus.TimedOut, 0, double.NaN, double.NaN, [], [], [], sw.Elapsed);
        }

        var units = new List<HubAllocation>();
        var counts = new int[nc];
        for (int h = 0; h < nh; h++)
        {
            for (int t = 0; t < nt; t++)
            {
                int k = n[h, t] is { } v ? (int)Math.Round(v.SolutionValue()) : 0;
                if (k <= 0)
                {
                    continue;
                }

                units.Add(new HubAllocation(problem.Hubs[h].Id, problem.Types[t].TypeId, k, k * problem.Types[t].WeightT));
                for (int c = 0; c < nc; c++)
                {
                    if (problem.Covers[h, t, c])
                    {
                        counts[c] += k;
                    }
                }
            }
        }

        double weight = problem.Cells.Where((cell, c) => counts[c] > 0).Sum(cell => cell.Weight);
        double bound = objective.BestBound();
        double gap = Math.Abs(bound - weight) / Math.Max(Math.Abs(weight), 1e-9);
        var st = status == Solver.ResultStatus.OPTIMAL && (gap <= Math.Max(options.RelativeGap, 1e-7) || Math.Abs(bound - weight) < 1e-6)
            ? SolveStatus.Optimal
            : SolveStatus.Feasible;
        progress?.Report(new PlacementProgress("allocation solved", weight, bound, sw.Elapsed));
        return new AllocationResult(
            st,
            weight,
            bound,
            st == SolveStatus.Optimal ? 0 : gap,
            units,
            problem.Cells.Select((cell, c) => new CellCover(cell.Id, counts[c], counts[c] > 0)).ToArray(),
            [],
            sw.Elapsed);
    }

    /// <summary>Redundancy targets that no allocation can meet, even ignoring every other cell.</summary>
    private static List<PlacementDiagnostic> Precheck(AllocationProblem problem)
    {
        var list = new List<PlacementDiagnostic>();
        for (int c = 0; c < problem.Cells.Count; c++)
        {
            var cell = problem.Cells[c];
            if (cell.RedundancyTarget == 0)
            {
                continue;
            }

            // Most units that can reach the cell: per type its inventory, split over hubs within capacity.
            long reach = 0;
            for (int t = 0; t < problem.Types.Count; t++)
            {
                long perType = 0;
                for (int h = 0; h < problem.Hubs.Count; h++)
                {
                    if (problem.Covers[h, t, c])
                    {
                        perType += (long)Math.Floor(problem.Hubs[h].CapacityT / problem.Types[t].WeightT + 1e-9);
                    }
                }

                reach += Math.Min(perType, problem.Types[t].Inventory);
            }

            if (reach < cell.RedundancyTarget)
            {
                list.Add(new PlacementDiagnostic(
                    "redundancy",
                    $"cell {cell.Id} must be covered {cell.RedundancyTarget} times, but at most {reach} units can reach it from the open hubs"));
            }
        }

        return list;
    }
}
