using HubPlanner.Core.Geo;

namespace HubPlanner.Core.Tests.Geo;

public class Wgs84GeodesicTests
{
    [Fact]
    public void Inverse_ReproducesVincentysFlindersPeakToBuninyongExample()
    {
        // Vincenty (1975) / Geoscience Australia worked example: 54 972.271 m.
        double lat1 = -(37 + 57 / 60.0 + 3.72030 / 3600), lon1 = 144 + 25 / 60.0 + 29.52440 / 3600;
        double lat2 = -(37 + 39 / 60.0 + 10.15610 / 3600), lon2 = 143 + 55 / 60.0 + 35.38390 / 3600;
        var (d, az) = Wgs84Geodesic.Inverse(lon1, lat1, lon2, lat2);
        Assert.Equal(54972.271, d, 0.001);
        Assert.Equal(306 + 52 / 60.0 + 5.37 / 3600, az, 0.0001);
    }

    [Fact]
    public void OneDegreeOfLatitudeAtTheEquator_Is110574Metres()
    {
        // Meridian arc from 0° to 1° on WGS84: 110 574.389 m.
        Assert.Equal(110574.389, Wgs84Geodesic.Distance(30, 0, 30, 1), 0.01);
    }

    [Theory]
    [InlineData(31.5, 48.5, 0, 150_000)]
    [InlineData(22.3, 48.6, 77, 250_000)]
    [InlineData(39.8, 47.9, 233, 8_000)]
    [InlineData(33.5, 44.6, 181.5, 40_000)]
    public void Direct_ThenInverse_ReturnsTheSameDistanceAndAzimuth(double lon, double lat, double az, double dist)
    {
        var (lon2, lat2) = Wgs84Geodesic.Direct(lon, lat, az, dist);
        var (d, az1) = Wgs84Geodesic.Inverse(lon, lat, lon2, lat2);
        Assert.Equal(dist, d, 1e-4);
        Assert.Equal(az, az1, 1e-7);
    }
}
