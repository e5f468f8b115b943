using HubPlanner.Core.Allocation;
using HubPlanner.Core.Domain;

namespace HubPlanner.Core.Tests.Allocation;

public class RedundancyFillTests
{
    // Two hubs 2° of longitude apart at 50° N (≈ 143 km), a 10 t radar type with a 100 km air radius and 3 units:
    //   c1 (29.5, 50), weight 4: ≈ 36 km from h1, ≈ 179 km from h2 → covered from h1 only;
    //   c2 (31.0, 50), weight 1: ≈ 72 km from both → covered from either.
    // The MIP put one unit at h1 (c1 and c2 covered once). A further unit at h1 adds 4/2 + 1/2 = 2.5 of weight
    // covered fewer than three times, at h2 only 1/2; the third unit at h1 adds 4/3 + 1/3 ≈ 1.67, at h2 1/3.
    private static AllocationProblem Instance(double h1CapacityT) => AllocationProblem.Create(
        [new AllocationEquipment("radar", "Radar", 10, 100, 0, 3)],
        [new AllocationHub("h1", "H1", 30.0, 50.0, h1CapacityT), new AllocationHub("h2", "H2", 32.0, 50.0, 100)],
        [new DemandCell("c1", CoverageDomain.Airspace, 29.5, 50.0, 4), new DemandCell("c2", CoverageDomain.Airspace, 31.0, 50.0, 1)]);

    private static AllocationResult OneUnitAtH1 { get; } = new(SolveStatus.Optimal, 5, 5, 0,
        [new HubAllocation("h1", "radar", 1, 10)], [], [], TimeSpan.Zero);

    [Fact]
    public void Fill_PlacesEachRemainingUnitWhereItAddsTheMostUnderCoveredWeight()
    {
        var (units, extra) = RedundancyFill.Fill(Instance(h1CapacityT: 100), OneUnitAtH1);

        Assert.Equal(2, extra);
        var unit = Assert.Single(units);
        Assert.Equal(("h1", 3, 30.0), (unit.HubId, unit.Units, unit.WeightT));
    }

    [Fact]
    public void Fill_GoesToTheNextBestHub_WhenTheBestIsFull()
    {
        // h1 holds 20 t: the second unit still fits there, the third goes to h2.
        var (units, extra) = RedundancyFill.Fill(Instance(h1CapacityT: 20), OneUnitAtH1);

        Assert.Equal(2, extra);
        Assert.Equal([("h1", 2), ("h2", 1)], units.Select(u => (u.HubId, u.Units)));
    }

    [Fact]
    public void Fill_KeepsTheMipUnits_WhenNothingIsLeftInStock()
    {
        var all = OneUnitAtH1 with { Units = [new HubAllocation("h1", "radar", 3, 30)] };

        var (units, extra) = RedundancyFill.Fill(Instance(h1CapacityT: 100), all);

        Assert.Equal(0, extra);
        Assert.Equal(("h1", 3), (Assert.Single(units).HubId, units[0].Units));
    }
}
