using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace HubPlanner.Data.Store;

/// <summary>A schema step recorded in <c>hubplanner_migrations</c>.</summary>
public sealed record AppliedMigration(int Version, string Name, DateTimeOffset AppliedAt);

/// <summary>A context layer feature (border part, coastline, neighbour outline) with an optional name and code.</summary>
public sealed record MapFeature(string? Name, string? Code, Geometry Geometry);

/// <summary>
/// Everything the planner reads about the world, as Core domain records: the snapshot the pipeline turns
/// into a <c>PlanningProblem</c>. Also the unit an import writes (only the lists of the imported kinds are filled).
/// </summary>
public sealed record PlanningDataset(
    IReadOnlyList<Site> Sites,
    IReadOnlyList<EntryPoint> EntryPoints,
    IReadOnlyList<Place> Places,
    IReadOnlyList<EquipmentType> EquipmentTypes,
    IReadOnlyList<InventoryItem> Inventory,
    IReadOnlyList<DemandPoint> DemandPoints,
    IReadOnlyList<Zone> Zones,
    IReadOnlyList<RoadNode> RoadNodes,
    IReadOnlyList<RoadEdge> Roads,
    IReadOnlyList<VehicleType> VehicleTypes,
    IReadOnlyList<FleetAssignment> Fleet,
    IReadOnlyList<MapFeature> Border,
    IReadOnlyList<MapFeature> Coast,
    IReadOnlyList<MapFeature> Neighbours)
{
    /// <summary>A dataset with every list empty; fill what you need with <c>with</c>.</summary>
    public static PlanningDataset Empty { get; } = new([], [], [], [], [], [], [], [], [], [], [], [], [], []);

    /// <summary>The ids of illustrative zones (stored with the zone, not part of the Core record).</summary>
    public IReadOnlySet<string> IllustrativeZoneIds { get; init; } = new HashSet<string>();

    /// <summary>The control map (replaced whole by an import of it).</summary>
    public IReadOnlyList<ControlArea> Control { get; init; } = [];

    /// <summary>The threat classes (upserted by id).</summary>
    public IReadOnlyList<ThreatClass> Threats { get; init; } = [];

    /// <summary>The urban areas (replaced whole by an import of them).</summary>
    public IReadOnlyList<UrbanArea> UrbanAreas { get; init; } = [];

    /// <summary>The Core scenario data this dataset holds (the record a <see cref="PlanningProblem"/> wraps): the
    /// border parts and coastline pieces are unioned into one geometry each; neighbours are context only.</summary>
    public ScenarioData ToScenarioData() => new()
    {
        Sites = Sites,
        EntryPoints = EntryPoints,
        EquipmentTypes = EquipmentTypes,
        Inventory = Inventory,
        DemandPoints = DemandPoints,
        Zones = Zones,
        Places = Places,
        RoadNodes = RoadNodes,
        RoadEdges = Roads,
        VehicleTypes = VehicleTypes,
        Fleet = Fleet,
        Border = Union(Border.Select(b => b.Geometry), GeoFactory.Wgs84.CreateMultiPolygon()),
        Coast = Union(Coast.Select(c => c.Geometry), GeoFactory.Wgs84.CreateMultiLineString()),
        Control = Control,
        Threats = Threats,
        UrbanAreas = UrbanAreas,
    };

    private static Geometry Union(IEnumerable<Geometry> parts, Geometry empty)
    {
        var list = parts.ToList();
        if (list.Count == 0)
        {
            return empty;
        }

        var union = list.Count == 1 ? list[0] : UnaryUnionOp.Union(list);
        union.SRID = GeoFactory.Wgs84Srid;
        return union;
    }
}

/// <summary>A scenario: <c>base</c> (no parent) or a what-if branch holding only its edits.</summary>
public sealed record Scenario(long Id, string Name, long? ParentId, DateTimeOffset CreatedAt, string ParamsJson)
{
    /// <summary>Name of the scenario that holds the imported data unchanged (every store has it; it takes no edits).</summary>
    public const string BaseName = "base";
}

/// <summary>One stored edit of a what-if scenario (its JSON is a Core <c>ScenarioEdit</c>), applied in <see cref="Seq"/> order on top of its parent.</summary>
public sealed record StoredEdit(long Id, long ScenarioId, int Seq, string Kind, string PayloadJson);

/// <summary>An edit removed from a scenario, and what (if anything) still keeps the scenario from loading.</summary>
/// <param name="StillFailing">Empty when the scenario loads again; otherwise which later edit still does not apply, and why.</param>
public sealed record EditRemoval(StoredEdit Removed, IReadOnlyList<string> StillFailing);

/// <summary>Life cycle of a job. Terminal: succeeded, failed, cancelled.</summary>
public enum JobStatus { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>The stored and API spelling of <see cref="JobStatus"/> (lower case: <c>queued</c>, <c>running</c>…).</summary>
public static class JobStatusText
{
    /// <summary>The lower-case name.</summary>
    public static string ToText(this JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Reads the lower-case name; false for anything else.</summary>
    public static bool TryParse(string? text, out JobStatus status)
    {
        foreach (var s in Enum.GetValues<JobStatus>())
        {
            if (string.Equals(s.ToText(), text, StringComparison.Ordinal))
            {
                status = s;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>True for a state a job never leaves.</summary>
    public static bool IsTerminal(this JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>True for the name of a state a job never leaves.</summary>
    public static bool IsTerminal(string status) => TryParse(status, out var s) && s.IsTerminal();
}

/// <summary>A queued or finished unit of work, claimed by a worker under a lease.</summary>
public sealed record Job(
    long Id,
    string Kind,
    long? ScenarioId,
    string ParamsJson,
    JobStatus Status,
    string? ProgressJson,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? HeartbeatAt,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    long? ResultId,
    DateTimeOffset? CancelRequestedAt);

/// <summary>A stored report (its GeoJSON, when it has one, is read on its own).</summary>
public sealed record StoredResult(long Id, long ScenarioId, long? JobId, DateTimeOffset CreatedAt, long? Seed, string ReportJson, bool HasGeoJson);

/// <summary>What a heartbeat learned about the job it renewed.</summary>
public enum LeaseState
{
    /// <summary>The lease was renewed; keep going.</summary>
    Held,

    /// <summary>The lease was renewed, and someone asked to cancel the job.</summary>
    CancelRequested,

    /// <summary>The job is no longer ours (lease expired and re-queued, or finished elsewhere): stop, write nothing.</summary>
    Lost,
}

/// <summary>How a result write ended.</summary>
public enum CompletionState
{
    /// <summary>Result and status written in one transaction.</summary>
    Succeeded,

    /// <summary>A cancel request arrived before the write: the job is cancelled and no result was written.</summary>
    Cancelled,

    /// <summary>The job was not ours any more: nothing written.</summary>
    LeaseLost,
}

/// <summary>What a job produced: the report (JSON), optional GeoJSON and the seed used.</summary>
/// <param name="ReportJson">The machine-readable report.</param>
/// <param name="GeoJson">A GeoJSON FeatureCollection for map tools, or null.</param>
/// <param name="Seed">The random seed the solver used, when it used one.</param>
public sealed record JobOutcome(string ReportJson, string? GeoJson, long? Seed)
{
    /// <summary>When set, the plan whose report this is: the store writes its map layers in the completion
    /// transaction too, so a cancelled or crashed job leaves none behind.</summary>
    public PlanResult? Plan { get; init; }

    /// <summary>The outcome of a plan job: its report, layers and GeoJSON.</summary>
    public static JobOutcome ForPlan(PlanResult plan, string? geoJson)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new JobOutcome(PlanningStore.PlanToJson(plan), geoJson, plan.Seed) { Plan = plan };
    }
}
