using System.Collections.Immutable;
using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace HubPlanner.Core.Placement;

/// <summary>
/// The name of a location model. The built-in models are the static members; a model added through
/// <see cref="PlacementModelCatalog.With"/> is named by its own instance. Names are the lower-case keys of the
/// plan parameter <c>model</c>.
/// </summary>
/// <param name="Name">The key, e.g. "pmedian".</param>
public readonly record struct PlacementModel(string Name)
{
    /// <summary>Minimise Σ weight × cost to the nearest open hub, at most <see cref="PlacementOptions.Hubs"/> hubs.</summary>
    public static PlacementModel PMedian { get; } = new("pmedian");

    /// <summary>Minimise the largest cost from a demand point (weight &gt; 0) to its nearest open hub.</summary>
    public static PlacementModel PCenter { get; } = new("pcenter");

    /// <summary>Maximal covering: maximise the weight within the service distance of an open hub.</summary>
    public static PlacementModel Mclp { get; } = new("mclp");

    /// <summary>Location set covering: fewest hubs covering every coverable demand point.</summary>
    public static PlacementModel Lscp { get; } = new("lscp");

    /// <summary>Capacitated facility location: fixed + weight × cost × served fraction, within capacities.</summary>
    public static PlacementModel Cflp { get; } = new("cflp");

    /// <summary>Maximise the weight of demand served within the service distance, within hub capacities.</summary>
    public static PlacementModel MaxCapacitatedCoverage { get; } = new("capacitated-coverage");

    /// <summary>Backup coverage: maximise the weight covered at least twice.</summary>
    public static PlacementModel BackupCoverage { get; } = new("backup");

    /// <summary>Robust coverage: maximise the covered weight that remains after the loss of the worst single open hub.</summary>
    public static PlacementModel RobustCoverage { get; } = new("robust");

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Whether a model's objective is minimised or maximised.</summary>
public enum ObjectiveSense
{
    /// <summary>Smaller is better (costs, distances, hub counts).</summary>
    Minimise,

    /// <summary>Larger is better (covered weight).</summary>
    Maximise,
}

/// <summary>What the cost matrix of a model measures when a plan builds it from the road network.</summary>
public enum PlacementCostUnit
{
    /// <summary>Travel time (road minutes).</summary>
    TravelTime,

    /// <summary>Distance (road km), the unit of the service distance.</summary>
    Distance,
}

/// <summary>What the hub capacities mean to a model.</summary>
public enum PlacementCapacityUse
{
    /// <summary>Capacities are ignored.</summary>
    None,

    /// <summary>Every reachable demand point must be served within the capacities (CFLP): capacity can make the plan infeasible.</summary>
    ServeAllWithin,

    /// <summary>Capacities bound how much demand is served (capacitated coverage): they never make the plan infeasible.</summary>
    LimitService,
}

/// <summary>A read-only view of a placement instance as the side constraints leave it: the problem, the options and which sites may or must open.</summary>
public sealed class PlacementInstance
{
    internal PlacementInstance(PlacementContext context) => Context = context;

    /// <summary>The problem.</summary>
    public PlacementProblem Problem => Context.Problem;

    /// <summary>The options.</summary>
    public PlacementOptions Options => Context.Options;

    internal PlacementContext Context { get; }

    /// <summary>True when site j may be opened (not forbidden, no ineligibility reason).</summary>
    public bool IsEligible(int j) => Context.Eligible[j];

    /// <summary>True when site j is forced or existing.</summary>
    public bool MustOpen(int j) => Context.MustOpen[j];

    /// <summary>True when eligible site j covers demand point i within the service distance (every eligible site when there is none).</summary>
    public bool Covers(int j, int i) => Context.Covers(j, i);
}

/// <summary>
/// A MIP under construction for one model: the open-site variables x_j with the side constraints (budget, hub
/// limit, spacing) already in place. A formulation adds its own variables, constraints and objective; the
/// catalog then applies the warm start, solves and reads the open sites.
/// </summary>
public sealed class PlacementMip
{
    private readonly MipSession _session;

    internal PlacementMip(PlacementInstance instance, MipSession session)
    {
        Instance = instance;
        _session = session;
    }

    /// <summary>The instance.</summary>
    public PlacementInstance Instance { get; }

    /// <summary>The OR-Tools solver holding the model.</summary>
    public Solver Solver => _session.Solver;

    /// <summary>x_j: 1 when site j opens (fixed to 0 for ineligible sites, to 1 for forced ones).</summary>
    public IReadOnlyList<Variable> Open => _session.X;

    /// <summary>False while the diagnosis relaxes the capacities: a formulation then leaves its capacity rows out.</summary>
    public bool ImposeCapacity => _session.ImposeCapacity;
}

/// <summary>Adds a model's variables, constraints and objective terms to <paramref name="mip"/>; the direction of the
/// objective is the entry's <see cref="PlacementModelEntry.Sense"/>.</summary>
public delegate void PlacementFormulation(PlacementMip mip);

/// <summary>The objective of a model evaluated directly on a set of open sites (indices into the problem's sites).</summary>
public delegate double PlacementObjective(PlacementInstance instance, IReadOnlyList<int> open);

/// <summary>Checks a model can decide before any solver runs; each returned diagnostic names a constraint the plan violates.</summary>
public delegate IEnumerable<PlacementDiagnostic> PlacementPrecheck(PlacementInstance instance);

/// <summary>How a model is solved: from the instance, the side constraints to impose and a warm start, to a solution.</summary>
internal delegate ModelSolution PlacementRunner(PlacementContext ctx, SideConstraints side, IReadOnlyList<int>? hint, PlacementRun run);

/// <summary>What a solve passes to every model run: progress, the clock of the whole solve, cancellation.</summary>
internal sealed record PlacementRun(IProgress<PlacementProgress>? Progress, Stopwatch Clock, CancellationToken Cancellation);

/// <summary>
/// One row of the <see cref="PlacementModelCatalog"/>: everything the options validation, the solver, the
/// diagnostics, the plan parameters and the plan's placement stage need to know about a model.
/// Build one with <see cref="FromFormulation"/> and set the other properties with <c>with</c>.
/// </summary>
public sealed record PlacementModelEntry
{
    private PlacementModelEntry(PlacementModel model, ObjectiveSense sense, PlacementRunner runner)
    {
        Model = model;
        Sense = sense;
        Runner = runner;
    }

    /// <summary>The model's name.</summary>
    public PlacementModel Model { get; }

    /// <summary>Whether the objective is minimised or maximised.</summary>
    public ObjectiveSense Sense { get; }

    /// <summary>The options must give the number of hubs p (<see cref="PlacementOptions.Hubs"/>); a plan passes its hub count as p,
    /// else as the upper bound <see cref="PlacementOptions.MaxHubs"/>.</summary>
    public bool NeedsHubs { get; init; }

    /// <summary>The options must give a service distance (<see cref="PlacementOptions.ServiceDistance"/>); demand is served only within it.</summary>
    public bool NeedsServiceDistance { get; init; }

    /// <summary>What a plan's cost matrix measures for this model.</summary>
    public PlacementCostUnit CostUnit { get; init; } = PlacementCostUnit.TravelTime;

    /// <summary>The unit of the objective, in words (plan summaries).</summary>
    public string ObjectiveUnit { get; init; } = "weighted minutes";

    /// <summary>What the hub capacities mean to the model.</summary>
    public PlacementCapacityUse Capacity { get; init; }

    /// <summary>Offered as a value of the plan parameter <c>model</c>.</summary>
    public bool Plannable { get; init; }

    /// <summary>Constraint tags of pre-solve diagnostics that do not make this model infeasible (LSCP: "coverage", the points are reported unserved).</summary>
    public ImmutableArray<string> NonFatalDiagnostics { get; init; } = [];

    /// <summary>Model-specific checks run before the solver (in addition to forced sites, spacing, budget and hub count).</summary>
    public PlacementPrecheck? Precheck { get; init; }

    /// <summary>The objective evaluated on the open sites, reported instead of the solver's value (free of LP round-off);
    /// null when the solver's value stands (models with flows).</summary>
    public PlacementObjective? Objective { get; init; }

    internal PlacementRunner Runner { get; }

    /// <summary>A model solved as one MIP: <paramref name="formulate"/> adds its variables, constraints and objective to the open-site variables and side constraints.</summary>
    public static PlacementModelEntry FromFormulation(PlacementModel model, ObjectiveSense sense, PlacementFormulation formulate)
    {
        ArgumentNullException.ThrowIfNull(formulate);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.Name, nameof(model));
        return new PlacementModelEntry(model, sense, (ctx, side, hint, run) => PlacementModels.SolveMip(
            ctx, side, hint, session => formulate(new PlacementMip(new PlacementInstance(ctx), session)), run.Cancellation));
    }

    internal static PlacementModelEntry FromRunner(PlacementModel model, ObjectiveSense sense, PlacementRunner runner) => new(model, sense, runner);
}

/// <summary>
/// The table of placement models. <see cref="Default"/> holds the built-in models; <see cref="With"/> returns a
/// catalog with one more (or one replaced) entry, so a model is added without editing the solver: pass the
/// catalog to <see cref="PlacementSolver.Solve(PlacementProblem, PlacementOptions, PlacementModelCatalog, IProgress{PlacementProgress}?, CancellationToken)"/>.
/// A built-in model is one row of <c>BuiltInPlacementModels</c>, its formulation and its tests.
/// </summary>
public sealed class PlacementModelCatalog
{
    private readonly ImmutableArray<PlacementModelEntry> _entries;

    private PlacementModelCatalog(ImmutableArray<PlacementModelEntry> entries) => _entries = entries;

    /// <summary>The built-in models, in the order the plan parameter lists them.</summary>
    public static PlacementModelCatalog Default { get; } = new(BuiltInPlacementModels.All());

    /// <summary>Every entry, in registration order.</summary>
    public IReadOnlyList<PlacementModelEntry> Entries => _entries;

    /// <summary>The names a plan accepts as its <c>model</c> parameter.</summary>
    public IReadOnlyList<string> PlannableNames => _entries.Where(e => e.Plannable).Select(e => e.Model.Name).ToArray();

    /// <summary>A catalog with <paramref name="entry"/> added, replacing any entry of the same name.</summary>
    public PlacementModelCatalog With(PlacementModelEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        for (int k = 0; k < _entries.Length; k++)
        {
            if (_entries[k].Model == entry.Model)
            {
                return new PlacementModelCatalog(_entries.SetItem(k, entry));
            }
        }

        return new PlacementModelCatalog(_entries.Add(entry));
    }

    /// <summary>The entry of <paramref name="model"/>, or null when the catalog has none.</summary>
    public PlacementModelEntry? Find(PlacementModel model) => _entries.FirstOrDefault(e => e.Model == model);

    /// <summary>The entry named exactly <paramref name="name"/>, or null.</summary>
    public PlacementModelEntry? Find(string name) => _entries.FirstOrDefault(e => string.Equals(e.Model.Name, name, StringComparison.Ordinal));

    /// <summary>The entry of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The catalog has no such model; the message lists the known ones.</exception>
    public PlacementModelEntry Get(PlacementModel model) =>
        Find(model) ?? throw new ArgumentException(
            $"unknown placement model '{model.Name}'; known models: {string.Join(", ", _entries.Select(e => e.Model.Name))}", nameof(model));
}
