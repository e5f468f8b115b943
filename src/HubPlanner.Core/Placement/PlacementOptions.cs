namespace HubPlanner.Core.Placement;

/// <summary>The location model to solve.</summary>
public enum PlacementModel
{
    /// <summary>Minimise Σ weight × cost to the nearest open hub, at most <see cref="PlacementOptions.Hubs"/> hubs.</summary>
    PMedian,

    /// <summary>Minimise the largest cost from a demand point (weight &gt; 0) to its nearest open hub.</summary>
    PCenter,

    /// <summary>Maximal covering: maximise the weight within the service distance of an open hub.</summary>
    Mclp,

    /// <summary>Location set covering: fewest hubs covering every coverable demand point.</summary>
    Lscp,

    /// <summary>Capacitated facility location: fixed + weight × cost × served fraction, within capacities.</summary>
    Cflp,

    /// <summary>Maximise the weight of demand served within the service distance, within hub capacities.</summary>
    MaxCapacitatedCoverage,

    /// <summary>Backup coverage: maximise the weight covered at least twice.</summary>
    BackupCoverage,

    /// <summary>Robust coverage: maximise the covered weight that remains after the loss of the worst single open hub.</summary>
    RobustCoverage,
}

/// <summary>The MIP engine behind the models (SCIP measured best on the location benchmarks; CP-SAT is kept to compare).</summary>
public enum PlacementEngine
{
    /// <summary>SCIP through OR-Tools' linear-solver wrapper.</summary>
    Scip,

    /// <summary>CP-SAT through the same wrapper, with an LP-heavy worker ("max_lp").</summary>
    CpSat,
}

/// <summary>Options of a placement solve. Side constraints left null are not imposed.</summary>
/// <param name="Model">The model.</param>
/// <param name="Hubs">p: the largest number of open hubs for p-median, p-center, MCLP, capacitated, backup and robust coverage
/// (the objectives of these models never get worse with more hubs, so the optimum equals that of "exactly p" whenever p hubs fit the side constraints).</param>
/// <param name="ServiceDistance">Covering radius in the unit of the cost matrix (covering models).</param>
/// <param name="SingleSource">CFLP / capacitated coverage: each demand point is served by one hub (else demand may be split).</param>
/// <param name="Budget">Upper bound on the fixed cost of the open hubs.</param>
/// <param name="MaxHubs">Upper bound on the number of open hubs (all models, in addition to <paramref name="Hubs"/>).</param>
/// <param name="MinSpacingKm">Open hubs must be at least this far apart (km).</param>
/// <param name="TimeLimit">Wall-time limit of the solver; null = none (tests stop on small instances instead).</param>
/// <param name="Seed">Seed of heuristics and of the solver's randomisation.</param>
/// <param name="WarmStartOpenSiteIds">Previously open sites, passed as a hint (what-if re-plans).</param>
/// <param name="RelativeGap">Relative MIP gap at which to stop; 0 proves optimality.</param>
/// <param name="Engine">MIP engine.</param>
public sealed record PlacementOptions(
    PlacementModel Model,
    int? Hubs = null,
    double? ServiceDistance = null,
    bool SingleSource = false,
    double? Budget = null,
    int? MaxHubs = null,
    double? MinSpacingKm = null,
    TimeSpan? TimeLimit = null,
    int Seed = 0,
    IReadOnlyList<string>? WarmStartOpenSiteIds = null,
    double RelativeGap = 0,
    PlacementEngine Engine = PlacementEngine.Scip)
{
    /// <summary>Checks the options against the model; throws <see cref="ArgumentException"/> saying what is missing.</summary>
    public void Validate()
    {
        bool needsP = Model is PlacementModel.PMedian or PlacementModel.PCenter or PlacementModel.Mclp
            or PlacementModel.BackupCoverage or PlacementModel.RobustCoverage;
        if (needsP && Hubs is null)
        {
            throw new ArgumentException($"{Model} needs the number of hubs (Hubs = p)");
        }

        if (Hubs is < 0)
        {
            throw new ArgumentException($"Hubs must be ≥ 0, got {Hubs}");
        }

        if (MaxHubs is < 0)
        {
            throw new ArgumentException($"MaxHubs must be ≥ 0, got {MaxHubs}");
        }

        bool needsRadius = Model is PlacementModel.Mclp or PlacementModel.Lscp or PlacementModel.MaxCapacitatedCoverage
            or PlacementModel.BackupCoverage or PlacementModel.RobustCoverage;
        if (needsRadius && ServiceDistance is null)
        {
            throw new ArgumentException($"{Model} needs a service distance");
        }

        if (ServiceDistance is { } r && (double.IsNaN(r) || r < 0))
        {
            throw new ArgumentException($"ServiceDistance must be ≥ 0, got {r}");
        }

        if (Budget is { } b && (double.IsNaN(b) || b < 0))
        {
            throw new ArgumentException($"Budget must be ≥ 0, got {b}");
        }

        if (MinSpacingKm is { } s && (double.IsNaN(s) || s < 0))
        {
            throw new ArgumentException($"MinSpacingKm must be ≥ 0, got {s}");
        }

        // Measured: CP-SAT behind the linear-solver wrapper rounds continuous split flows (cap41 "infeasible",
        // cap94 "optimal" 0.5 % above the optimum), so split-demand capacitated models stay on SCIP.
        if (Engine == PlacementEngine.CpSat && !SingleSource && Model is PlacementModel.Cflp or PlacementModel.MaxCapacitatedCoverage)
        {
            throw new ArgumentException($"{Model} with split demand needs the SCIP engine: CP-SAT cannot represent continuous flows exactly");
        }

        if (RelativeGap is < 0 or > 1 || double.IsNaN(RelativeGap))
        {
            throw new ArgumentException($"RelativeGap must be in [0, 1], got {RelativeGap}");
        }
    }

    /// <summary>The effective upper bound on the number of hubs, or null.</summary>
    internal int? HubLimit => (Hubs, MaxHubs) switch
    {
        (null, null) => null,
        (int p, null) => p,
        (null, int m) => m,
        (int p, int m) => Math.Min(p, m),
    };
}
