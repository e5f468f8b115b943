using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Domain;

/// <summary>
/// Everything a scenario holds, as loaded from a planning database: the lists a plan runs on, the border and
/// the coastline. <see cref="Planning.PlanningProblem"/> wraps it with the plan parameters and validates it;
/// what-if edits change it with <c>with</c> expressions.
/// </summary>
public sealed record ScenarioData
{
    public required IReadOnlyList<Site> Sites { get; init; }
    public required IReadOnlyList<EntryPoint> EntryPoints { get; init; }
    public required IReadOnlyList<EquipmentType> EquipmentTypes { get; init; }
    public required IReadOnlyList<InventoryItem> Inventory { get; init; }
    public required IReadOnlyList<DemandPoint> DemandPoints { get; init; }
    public required IReadOnlyList<Zone> Zones { get; init; }
    public required IReadOnlyList<Place> Places { get; init; }
    public required IReadOnlyList<RoadNode> RoadNodes { get; init; }
    public required IReadOnlyList<RoadEdge> RoadEdges { get; init; }
    public required IReadOnlyList<VehicleType> VehicleTypes { get; init; }
    public required IReadOnlyList<FleetAssignment> Fleet { get; init; }

    /// <summary>The control map: occupied, contested and hostile-state areas (threat rings are measured from them).</summary>
    public IReadOnlyList<ControlArea> Control { get; init; } = [];

    /// <summary>The threat classes whose rings keep hubs away from hostile territory.</summary>
    public IReadOnlyList<ThreatClass> Threats { get; init; } = [];

    /// <summary>Urban areas hubs keep <c>urban_standoff_km</c> from; none means no urban rule.</summary>
    public IReadOnlyList<UrbanArea> UrbanAreas { get; init; } = [];

    /// <summary>The border of Ukraine (lon/lat MultiPolygon); moves and additions must stay inside it.</summary>
    public required Geometry Border { get; init; }

    /// <summary>The coastline (lon/lat MultiLineString), for coastline coverage; may be empty.</summary>
    public required Geometry Coast { get; init; }
}
