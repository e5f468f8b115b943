using HubPlanner.Core.Coverage;
using HubPlanner.Core.Domain;
using static HubPlanner.Core.Tests.Coverage.CoverageFixture;

namespace HubPlanner.Core.Tests.Coverage;

public class CoverageInputsTests
{
    private static readonly Site Lviv = new("lviv", "Lviv", SiteKind.Airfield, 24.03, 49.84, 500, 100, 10, SiteStatus.Candidate);

    [Fact]
    public void Units_GivesOneAssetPerUnit_AtTheHub_WithTheTypesRanges()
    {
        var radar = new EquipmentType("rdr", "Radar", EquipmentCategory.AirRadar, 20, 60, 250, 0, 12);
        var units = CoverageInputs.Units(Lviv, radar, 3);
        Assert.Equal(["lviv/rdr/1", "lviv/rdr/2", "lviv/rdr/3"], units.Select(u => u.Id));
        Assert.All(units, u => Assert.Equal(("lviv", 24.03, 49.84, 250.0, 12.0), (u.HubId, u.Lon, u.Lat, u.AirRadiusKm, u.SensorHeightM)));
    }

    [Fact]
    public void Units_OfSupplies_CoverNothingAndGiveNoAssets()
    {
        var fuel = new EquipmentType("fuel", "Fuel", EquipmentCategory.Fuel, 1, 1, 0, 0, 0);
        Assert.Empty(CoverageInputs.Units(Lviv, fuel, 10));
    }

    [Fact]
    public void Problem_TakesAirspaceCoastalAndPriorityFromTheZones_AndIgnoresExclusions()
    {
        var zones = new[]
        {
            new Zone("air", "Airspace", ZoneKind.Airspace, Square(300), 1),
            new Zone("sea", "Coast", ZoneKind.Coastal, Square(50, offsetYKm: -350), 1),
            new Zone("kyiv", "Kyiv", ZoneKind.Priority, Square(20), 4),
            new Zone("front", "Front", ZoneKind.Exclusion, Square(10, offsetXKm: 250), 1),
        };
        var p = CoverageInputs.Problem([], zones, border: null, coastline: null);
        Assert.Same(zones[0].Geometry, p.Airspace);
        Assert.Same(zones[1].Geometry, p.CoastalZone);
        var priority = Assert.Single(p.PriorityZones);
        Assert.Equal(("kyiv", 4.0), (priority.Id, priority.Weight));
    }

    [Fact]
    public void Problem_FallsBackToTheBorder_WithoutAnAirspaceZone()
    {
        var border = Square(100);
        Assert.Same(border, CoverageInputs.Problem([], [], border, null).Airspace);
        Assert.Throws<ArgumentException>(() => CoverageInputs.Problem([], [], null, null));
    }
}
