using HubPlanner.Core.Domain;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Planning;

/// <summary>
/// The immutable snapshot a plan runs on: everything loaded from a scenario, validated once. Changes are made
/// with <c>with</c> expressions through <see cref="ScenarioEdit"/>s, which validate again.
/// </summary>
public sealed record PlanningProblem
{
    /// <summary>The scenario's data; the getters below forward to it so call sites stay short.</summary>
    public required ScenarioData Data { get; init; }

    public required PlanParameters Parameters { get; init; }

    public IReadOnlyList<Site> Sites => Data.Sites;

    public IReadOnlyList<EntryPoint> EntryPoints => Data.EntryPoints;

    public IReadOnlyList<EquipmentType> EquipmentTypes => Data.EquipmentTypes;

    public IReadOnlyList<InventoryItem> Inventory => Data.Inventory;

    public IReadOnlyList<DemandPoint> DemandPoints => Data.DemandPoints;

    public IReadOnlyList<Zone> Zones => Data.Zones;

    public IReadOnlyList<Place> Places => Data.Places;

    public IReadOnlyList<RoadNode> RoadNodes => Data.RoadNodes;

    public IReadOnlyList<RoadEdge> RoadEdges => Data.RoadEdges;

    public IReadOnlyList<VehicleType> VehicleTypes => Data.VehicleTypes;

    public IReadOnlyList<FleetAssignment> Fleet => Data.Fleet;

    /// <summary>The border of Ukraine (lon/lat MultiPolygon); moves and additions must stay inside it.</summary>
    public Geometry Border => Data.Border;

    /// <summary>The coastline (lon/lat MultiLineString), for coastline coverage; may be empty.</summary>
    public Geometry Coast => Data.Coast;

    /// <summary>Builds a snapshot and checks every reference and value; throws <see cref="PlanningInputException"/>
    /// listing every problem found.</summary>
    public static PlanningProblem Create(ScenarioData data, PlanParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(parameters);
        var problem = new PlanningProblem { Data = data, Parameters = parameters };
        problem.Validate();
        return problem;
    }

    /// <summary>Builds a snapshot from its lists and checks every reference and value; throws
    /// <see cref="PlanningInputException"/> listing every problem found.</summary>
    public static PlanningProblem Create(
        IReadOnlyList<Site> sites,
        IReadOnlyList<EntryPoint> entryPoints,
        IReadOnlyList<EquipmentType> equipmentTypes,
        IReadOnlyList<InventoryItem> inventory,
        IReadOnlyList<DemandPoint> demandPoints,
        IReadOnlyList<Zone> zones,
        IReadOnlyList<Place> places,
        IReadOnlyList<RoadNode> roadNodes,
        IReadOnlyList<RoadEdge> roadEdges,
        IReadOnlyList<VehicleType> vehicleTypes,
        IReadOnlyList<FleetAssignment> fleet,
        Geometry border,
        Geometry coast,
        PlanParameters parameters) =>
        Create(
            new ScenarioData
            {
                Sites = sites,
                EntryPoints = entryPoints,
                EquipmentTypes = equipmentTypes,
                Inventory = inventory,
                DemandPoints = demandPoints,
                Zones = zones,
                Places = places,
                RoadNodes = roadNodes,
                RoadEdges = roadEdges,
                VehicleTypes = vehicleTypes,
                Fleet = fleet,
                Border = border,
                Coast = coast,
            },
            parameters);

    /// <summary>Throws <see cref="PlanningInputException"/> if anything is inconsistent.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        CheckUnique(Sites.Select(s => s.Id), "site", errors);
        CheckUnique(EntryPoints.Select(e => e.Id), "entry point", errors);
        CheckUnique(EquipmentTypes.Select(e => e.Id), "equipment type", errors);
        CheckUnique(DemandPoints.Select(d => d.Id), "demand point", errors);
        CheckUnique(VehicleTypes.Select(v => v.Id), "vehicle type", errors);
        CheckUnique(Zones.Select(z => z.Id), "zone", errors);

        var holders = new HashSet<string>(EntryPoints.Select(e => e.Id).Concat(Sites.Select(s => s.Id)), StringComparer.Ordinal);
        var types = new HashSet<string>(EquipmentTypes.Select(t => t.Id), StringComparer.Ordinal);
        var vehicles = new HashSet<string>(VehicleTypes.Select(v => v.Id), StringComparer.Ordinal);
        var entries = new HashSet<string>(EntryPoints.Select(e => e.Id), StringComparer.Ordinal);
        foreach (var item in Inventory)
        {
            if (!holders.Contains(item.HolderId))
            {
                errors.Add($"inventory of '{item.EquipmentTypeId}' is held at unknown entry point or site '{item.HolderId}'");
            }

            if (!types.Contains(item.EquipmentTypeId))
            {
                errors.Add($"inventory at '{item.HolderId}' names unknown equipment type '{item.EquipmentTypeId}'");
            }

            if (item.Quantity < 0)
            {
                errors.Add($"inventory of '{item.EquipmentTypeId}' at '{item.HolderId}' is negative ({item.Quantity})");
            }
        }

        foreach (var f in Fleet)
        {
            if (!entries.Contains(f.EntryPointId))
            {
                errors.Add($"fleet names unknown entry point '{f.EntryPointId}'");
            }

            if (!vehicles.Contains(f.VehicleTypeId))
            {
                errors.Add($"fleet at '{f.EntryPointId}' names unknown vehicle type '{f.VehicleTypeId}'");
            }
        }

        foreach (var s in Sites)
        {
            if (!IsLonLat(s.Lon, s.Lat))
            {
                errors.Add($"site '{s.Id}' has coordinates ({s.Lon}, {s.Lat}) outside lon [-180, 180] / lat [-90, 90]");
            }

            if (s.StorageCapacityT < 0 || s.FixedCost < 0)
            {
                errors.Add($"site '{s.Id}' has a negative capacity or fixed cost");
            }
        }

        var nodeIds = new HashSet<long>(RoadNodes.Select(n => n.Id));
        foreach (var e in RoadEdges)
        {
            if (!nodeIds.Contains(e.FromNode) || !nodeIds.Contains(e.ToNode))
            {
                errors.Add($"road edge {e.Id} joins unknown node {(nodeIds.Contains(e.FromNode) ? e.ToNode : e.FromNode)}");
            }
        }

        errors.AddRange(Parameters.Check());
        if (errors.Count > 0)
        {
            throw new PlanningInputException(errors);
        }
    }

    /// <summary>Sites that may be opened (everything but forbidden).</summary>
    public IEnumerable<Site> EligibleSites => Sites.Where(s => s.Status != SiteStatus.Forbidden);

    /// <summary>The site with this id, or null.</summary>
    public Site? FindSite(string id) => Sites.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    private static bool IsLonLat(double lon, double lat) =>
        double.IsFinite(lon) && double.IsFinite(lat) && lon is >= -180 and <= 180 && lat is >= -90 and <= 90;

    private static void CheckUnique(IEnumerable<string> ids, string what, List<string> errors)
    {
        foreach (var g in ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{what} id '{g.Key}' appears {g.Count()} times");
        }
    }
}

/// <summary>Bad planning input: every problem found, one sentence each.</summary>
public sealed class PlanningInputException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>One sentence per problem.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
