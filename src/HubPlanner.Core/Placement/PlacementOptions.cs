namespace HubPlanner.Core.Placement;

/// <summary>The MIP engine behind the models (SCIP measured best on the location benchmarks; CP-SAT is kept to compare).</summary>
public enum PlacementEngine
{
    /// <summary>SCIP through OR-Tools' linear-solver wrapper.</summary>
    Scip,

    /// <summary>CP-SAT through the same wrapper, with an LP-heavy worker ("max_lp").</summary>
    CpSat,
}

/// <summary>Options of a placement solve. Side constraints left null are not imposed.</summary>
/// <param name="Model">The model, looked up in the <see cref="PlacementModelCatalog"/> the solver is given.</param>
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
    /// <summary>Checks the options against a built-in model; throws <see cref="ArgumentException"/> saying what is missing.</summary>
    public void Validate() => Resolve(PlacementModelCatalog.Default);

    /// <summary>Checks the options against the model's entry in <paramref name="catalog"/>; throws <see cref="ArgumentException"/>
    /// saying what is missing (or that the catalog has no such model).</summary>
    public void Validate(PlacementModelCatalog catalog) => Resolve(catalog);

    /// <summary>Validates the options and returns the model's entry.</summary>
    internal PlacementModelEntry Resolve(PlacementModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var entry = catalog.Get(Model);
        if (entry.NeedsHubs && Hubs is null)
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

        if (entry.NeedsServiceDistance && ServiceDistance is null)
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
        if (Engine == PlacementEngine.CpSat && !SingleSource && entry.Capacity != PlacementCapacityUse.None)
        {
            throw new ArgumentException($"{Model} with split demand needs the SCIP engine: CP-SAT cannot represent continuous flows exactly");
        }

        if (RelativeGap is < 0 or > 1 || double.IsNaN(RelativeGap))
        {
            throw new ArgumentException($"RelativeGap must be in [0, 1], got {RelativeGap}");
        }

        return entry;
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
