using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using HubPlanner.Core.Roads;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Tests.Planning;

/// <summary>
/// A plan small enough to check by hand, on great-circle costs (no road network). Everything lies on the
/// meridian 31° E, where distances are proportional to the difference in latitude (≈ 111.2 km per degree):
/// <code>
///   lat 50.0  north (site, 100 t)          entry point "west" at (30.0, 50.0): 1 radar, 100 t of supplies, 1 truck
///   lat 49.8  d1 weight 3
///   lat 49.6  d2 weight 3
///   lat 49.0  d4 weight 1
///   lat 48.2  d3 weight 1
///   lat 48.0  south (site, 100 t)
/// </code>
/// With p = 1, the weighted distance from north is 3·0.2 + 3·0.4 + 1·1.0 + 1·1.8 = 4.6 degrees of latitude (≈ 512
/// km), from south 3·1.8 + 3·1.6 + 1·1.0 + 1·0.2 = 11.4 degrees (≈ 1,268 km): p-median opens north. Every demand point
/// needs 2 t of supplies, so north's four points call for 8 t: one load of 8 one-tonne units. The radar (10 t, air
/// radius 200 km, 10 m mast) must go to north, the only hub; the airspace is the 1°×1° square 30.5–31.5 E, 49.5–50.5 N
/// around north, whose farthest corner is ≈ 67 km from it, well inside 200 km.
/// </summary>
internal static class TinyPlan
{
    public static readonly Site North = new("north", "North", SiteKind.Depot, 31.0, 50.0, 100, 100, 10, SiteStatus.Candidate);
    public static readonly Site South = new("south", "South", SiteKind.Rail, 31.0, 48.0, 100, 100, 10, SiteStatus.Candidate);

    public static readonly EquipmentType Radar = new("radar", "Radar", EquipmentCategory.AirRadar, 10, 20, 200, 0, 10);
    public static readonly EquipmentType Supplies = new("sup", "Supplies", EquipmentCategory.Supplies, 1, 1, 0, 0, 0);

    public static PlanningProblem Problem(PlanParameters? parameters = null) => PlanningProblem.Create(
        new ScenarioData
        {
            Sites = [North, South],
            EntryPoints = [new EntryPoint("west", "West", EntryKind.BorderCrossing, "PL", 30.0, 50.0)],
            EquipmentTypes = [Radar, Supplies],
            Inventory = [new InventoryItem("west", "radar", 1), new InventoryItem("west", "sup", 100)],
            DemandPoints =
            [
                new DemandPoint("d1", "D1", 31.0, 49.8, 3, 2),
                new DemandPoint("d2", "D2", 31.0, 49.6, 3, 2),
                new DemandPoint("d3", "D3", 31.0, 48.2, 1, 2),
                new DemandPoint("d4", "D4", 31.0, 49.0, 1, 2),
            ],
            Zones = [new Zone("air", "Airspace", ZoneKind.Airspace, Square(30.5, 49.5, 31.5, 50.5), 1)],
            Places = [],
            RoadNodes = [],
            RoadEdges = [],
            VehicleTypes = [new VehicleType("truck", "Truck", 40, 80, 60, 1, 100, 1, 10)],
            Fleet = [new FleetAssignment("west", "truck", 1)],
            Border = Square(29, 47, 33, 52),
            Coast = GeoFactory.Wgs84.CreateMultiLineString(),
        },
        parameters ?? Parameters);

    /// <summary>One hub, the p-median model; the rest as the defaults.</summary>
    public static PlanParameters Parameters { get; } = new() { Model = "pmedian", Hubs = 1 };

    /// <summary>Great-circle costs: geodesic distance × 1.3 at 60 km/h.</summary>
    public static ITravelCostProvider Travel { get; } = new GreatCircleTravelCost();

    /// <summary>Run options that use <see cref="Travel"/> and stop every search on limits, not wall time.</summary>
    public static PlanRunOptions Options(PlanResult? parent = null, PlanStage? stopAfter = null) =>
        new("tiny", parent, Deterministic: true, stopAfter) { TravelCost = _ => Travel };

    public static Polygon Square(double minLon, double minLat, double maxLon, double maxLat) =>
        (Polygon)GeoFactory.Wgs84.ToGeometry(new Envelope(minLon, maxLon, minLat, maxLat));
}
