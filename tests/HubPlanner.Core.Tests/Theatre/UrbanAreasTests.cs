using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Theatre;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Tests.Theatre;

public class UrbanAreasTests
{
    // A square city 0.1° × 0.1° around (30, 49): its northern edge is at 49.05 °N; 0.1° of latitude ≈ 11.1 km.
    private static readonly UrbanArea City = new("city", "City", 300_000, GeoFactory.Wgs84.ToGeometry(new Envelope(29.95, 30.05, 48.95, 49.05)));

    private static Site At(string id, double lon, double lat) => new(id, id, SiteKind.Depot, lon, lat, 1000, 100, 10, SiteStatus.Candidate);

    [Fact]
    public void DiscRadiusKm_IsTheDiscThePopulationFillsAtTheAssumedDensity()
        // 300,000 people at 3,000 per km² fill 100 km², a disc of radius √(100/π) ≈ 5.64 km.
        => Assert.Equal(5.64, UrbanAreas.DiscRadiusKm(300_000), 2);

    [Fact]
    public void Ineligible_RemovesSitesInsideOrWithinTheStandOff_AndNamesTheCity()
    {
        var reasons = UrbanAreas.Ineligible([At("centre", 30, 49.01), At("near", 30, 49.1), At("away", 30, 49.3)], [City], standOffKm: 10);

        Assert.Equal(["centre", "near"], reasons.Select(r => r.SiteId));
        Assert.Contains("inside the urban area of City", reasons[0].Reason, StringComparison.Ordinal);
        Assert.Contains("5.6 km from the urban area of City; urban stand-off is 10 km", reasons[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ineligible_WithZeroStandOff_StillExcludesSitesInside_AndWithoutAreasNothing()
    {
        Assert.Equal("centre", Assert.Single(UrbanAreas.Ineligible([At("centre", 30, 49.01), At("near", 30, 49.1)], [City], 0)).SiteId);
        Assert.Empty(UrbanAreas.Ineligible([At("centre", 30, 49.01)], [], 10));
    }
}
