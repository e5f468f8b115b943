using HubPlanner.Core.Geo;

namespace HubPlanner.Core.Tests.Geo;

public class RadarHorizonTests
{
    [Theory]
    [InlineData(10, 100, 54.3)] // 4.12 (√10 + √100) with the unrounded 4/3-Earth constant 4.1218: 54.25 km
    [InlineData(30, 30, 45.2)]  // 4.1218 · 2√30 = 45.15 km
    [InlineData(0, 10_000, 412.2)] // a sensor on the ground still sees a 10 km high target at 412 km
    public void Horizon_MatchesTheFourThirdsEarthFormula(double sensorM, double targetM, double expectedKm)
        => Assert.Equal(expectedKm, Math.Round(RadarHorizon.DistanceKm(sensorM, targetM), 1));

    [Fact]
    public void Constant_IsTheSquareRootOfTwiceFourThirdsOfTheEarthRadius()
        => Assert.Equal(4.12, RadarHorizon.KmPerSqrtMetre, 0.005);

    [Fact]
    public void EffectiveRadius_IsTheNominalRangeCutByTheHorizon()
    {
        Assert.Equal(RadarHorizon.DistanceKm(10, 100), RadarHorizon.EffectiveRadiusKm(250, 10, 100), 1e-9); // horizon-limited
        Assert.Equal(40, RadarHorizon.EffectiveRadiusKm(40, 10, 100), 1e-9); // range-limited
        Assert.Equal(0, RadarHorizon.EffectiveRadiusKm(0, 30, 10_000)); // no range stays no range
    }

    [Fact]
    public void Horizon_RejectsNegativeHeights()
        => Assert.Throws<ArgumentOutOfRangeException>(() => RadarHorizon.DistanceKm(-1, 100));
}
