using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using NetTopologySuite.Geometries;

namespace HubPlanner.Tests.Shared;

/// <summary>
/// A 2°×2° square "country" around (31, 49) (border 30–32 °E, 48–50 °N) with two candidate sites — depot "a" at
/// (30.5, 48.5), rail yard "b" at (31.5, 49.5) — one entry point "e" holding 4 "sam" air-defence units, and nothing
/// else: the smallest problem every scenario edit can be applied to.
/// </summary>
internal static class TwoSiteSquare
{
    public static PlanningProblem Create() => PlanningProblem.Create(
        sites:
        [
            new Site("a", "Alpha", SiteKind.Depot, 30.5, 48.5, 1000, 100, 50, SiteStatus.Candidate),
            new Site("b", "Bravo", SiteKind.Rail, 31.5, 49.5, 2000, 100, 80, SiteStatus.Candidate),
        ],
        entryPoints: [new EntryPoint("e", "Echo", EntryKind.BorderCrossing, "PL", 30.1, 49.9)],
        equipmentTypes: [new EquipmentType("sam", "SAM", EquipmentCategory.AirDefence, 30, 60, 40, 0, 10)],
        inventory: [new InventoryItem("e", "sam", 4)],
        demandPoints: [],
        zones: [],
        places: [],
        roadNodes: [],
        roadEdges: [],
        vehicleTypes: [],
        fleet: [],
        border: GeoFactory.Wgs84.ToGeometry(new Envelope(30, 32, 48, 50)),
        coast: GeoFactory.Wgs84.CreateMultiLineString(),
        parameters: new PlanParameters());
}
