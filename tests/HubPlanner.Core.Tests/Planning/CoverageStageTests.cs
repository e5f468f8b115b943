using HubPlanner.Core.Allocation;
using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Planning;

public class CoverageStageTests
{
    [Fact]
    public void Run_OneRadarAtNorth_CoversTheWholeAirspaceSquareAtTheTopBand()
    {
        // The square's farthest corner is ≈ 67 km from north; at 10,000 m the radar horizon (≈ 425 km) exceeds the
        // 200 km radius, so the whole square is covered, and all of it is lost with north.
        var problem = TinyPlan.Problem();

        var coverage = CoverageStage.Run(problem, [TinyPlan.North], [new HubAllocation("north", "radar", 1, 10)], null, CancellationToken.None);

        var top = coverage.Bands.Single(b => b.TargetAltitudeM == 10_000);
        Assert.Equal(100, top.AirspacePct, 0.01);
        Assert.Equal(0, top.CoastalKm2);
        var loss = coverage.Losses.Single(l => l.TargetAltitudeM == 10_000);
        Assert.Equal(("north", top.AirspaceKm2), (loss.SiteId, loss.AirspaceLostKm2), new AreaComparer());
        Assert.Equal(StageStatus.Optimal, coverage.Summary.Status);
    }

    [Fact]
    public void Run_LowBand_IsLimitedByTheRadarHorizon()
    {
        // At 100 m the horizon of a 10 m mast is ≈ 4.12 × (√10 + √100) ≈ 54 km, short of the square's corners (≈ 67 km).
        var coverage = CoverageStage.Run(TinyPlan.Problem(), [TinyPlan.North], [new HubAllocation("north", "radar", 1, 10)], null, CancellationToken.None);

        var low = coverage.Bands.Single(b => b.TargetAltitudeM == 100);
        Assert.InRange(low.AirspacePct, 50, 99.9);
    }

    [Fact]
    public void Run_WithoutEquipment_CoversNothing()
    {
        var coverage = CoverageStage.Run(TinyPlan.Problem(), [TinyPlan.North], [], null, CancellationToken.None);

        Assert.All(coverage.Bands, b => Assert.Equal(0, b.AirspaceCoveredKm2));
    }

    private sealed class AreaComparer : IEqualityComparer<(string, double)>
    {
        public bool Equals((string, double) x, (string, double) y) => x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) <= 1e-6 * Math.Max(1, y.Item2);

        public int GetHashCode((string, double) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
