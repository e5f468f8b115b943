using HubPlanner.Core.Domain;
using NetTopologySuite.Geometries;

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
}

/// <summary>A scenario: <c>base</c> (no parent) or a what-if branch holding only its edits.</summary>
public sealed record Scenario(long Id, string Name, long? ParentId, DateTimeOffset CreatedAt, string ParamsJson);

/// <summary>One stored edit of a what-if scenario (its JSON is a Core <c>ScenarioEdit</c>), applied in <see cref="Seq"/> order on top of its parent.</summary>
public sealed record StoredEdit(long Id, long ScenarioId, int Seq, string Kind, string PayloadJson);

/// <summary>Life cycle of a job.</summary>
public enum JobStatus { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>A queued or finished unit of work (a plan run), claimed by a worker under a lease.</summary>
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
    long? ResultId);

/// <summary>A stored plan report.</summary>
public sealed record StoredResult(long Id, long ScenarioId, long? JobId, DateTimeOffset CreatedAt, long? Seed, string ReportJson);
