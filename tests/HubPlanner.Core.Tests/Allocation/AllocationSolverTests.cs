using HubPlanner.Core.Allocation;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Placement;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Tests.Allocation;

public class AllocationSolverTests
{
    /// <summary>
    /// Seeded random instances (3 hubs, 2 types, ≤ 3 units each, 12 cells) against enumeration of every
    /// allocation n[h,t] ∈ 0..inventory within capacity and inventory.
    /// </summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public void Allocation_MatchesExhaustiveEnumeration(int seed, bool redundancy)
    {
        var problem = RandomInstance(seed, redundancy);
        var (expected, feasible) = Enumerate(problem);
        var result = AllocationSolver.Solve(problem, new AllocationOptions(Seed: seed));
        if (!feasible)
        {
            Assert.Equal(SolveStatus.Infeasible, result.Status);
            Assert.NotEmpty(result.Diagnostics);
            return;
        }

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(expected, result.CoveredWeight, 6);
        foreach (var hub in problem.Hubs)
        {
            Assert.True(result.Units.Where(u => u.HubId == hub.Id).Sum(u => u.WeightT) <= hub.CapacityT + 1e-9);
        }

        foreach (var type in problem.Types)
        {
            Assert.True(result.Units.Where(u => u.TypeId == type.TypeId).Sum(u => u.Units) <= type.Inventory);
        }

        foreach (var (cell, cover) in problem.Cells.Zip(result.Cells))
        {
            Assert.True(cover.CoverCount >= cell.RedundancyTarget, $"cell {cell.Id} covered {cover.CoverCount} < {cell.RedundancyTarget}");
        }
    }

    [Fact]
    public void Allocation_SendsTheLongRangeRadarWhereItCoversMostWeight()
    {
        // One radar (air radius 100 km) and two hubs: Kyiv (30.5 E) and Lviv (24.0 E). Air cells: two near Kyiv
        // (weights 5 and 4), one near Lviv (weight 6). The radar goes to Kyiv: 9 > 6.
        var problem = AllocationProblem.Create(
            [new AllocationEquipment("radar", "Radar", 10, 100, 0, 1)],
            [new AllocationHub("kyiv", "Kyiv", 30.5, 50.45, 50), new AllocationHub("lviv", "Lviv", 24.0, 49.84, 50)],
            [
                new DemandCell("k1", CoverageDomain.Airspace, 30.6, 50.5, 5),
                new DemandCell("k2", CoverageDomain.Airspace, 30.4, 50.3, 4),
                new DemandCell("l1", CoverageDomain.Airspace, 24.1, 49.8, 6),
                new DemandCell("sea", CoverageDomain.Coastal, 30.5, 50.4, 100),
            ]);
        var result = AllocationSolver.Solve(problem);
        var unit = Assert.Single(result.Units);
        Assert.Equal(("kyiv", "radar", 1), (unit.HubId, unit.TypeId, unit.Units));
        Assert.Equal(9, result.CoveredWeight, 9);
        Assert.Equal([1, 1, 0, 0], result.Cells.Select(c => c.CoverCount));
    }

    [Fact]
    public void Redundancy_BeyondWhatCanReachTheCellIsExplained()
    {
        var problem = AllocationProblem.Create(
            [new AllocationEquipment("sam", "SAM", 10, 50, 0, 3)],
            [new AllocationHub("h", "Hub", 30.5, 50.45, 20)],
            [new DemandCell("c", CoverageDomain.Airspace, 30.5, 50.45, 1, RedundancyTarget: 3)]);
        var result = AllocationSolver.Solve(problem);
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Equal("cell c must be covered 3 times, but at most 2 units can reach it from the open hubs", Assert.Single(result.Diagnostics).Sentence);
    }

    [Fact]
    public void CoverageGrid_CountsCellsOfASquareZoneAndMarksPriorityCells()
    {
        // A 100 km × 100 km square in the LAEA plane with 25 km cells, aligned on the lattice: 4 × 4 = 16 cells.
        // A priority square covering its western half (2 columns × 4 rows = 8 cells) doubles the weight.
        var proj = UkraineEqualArea.Instance;
        Geometry Square(double x0, double y0, double x1, double y1) => proj.Unproject(GeoFactory.Metric.CreatePolygon(
            [new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)]));
        var air = new Zone("air", "Air", ZoneKind.Airspace, Square(0, 0, 100_000, 100_000), 1);
        var priority = new Zone("pri", "Priority", ZoneKind.Priority, Square(-1, -1, 50_000, 100_001), 2);
        var cells = CoverageGrid.Build([air, priority], new CoverageGridOptions(25, PriorityRedundancy: 2));
        Assert.Equal(16, cells.Count);
        Assert.Equal(8, cells.Count(c => c.Weight == 2 && c.RedundancyTarget == 2));
        Assert.All(cells, c => Assert.Equal(CoverageDomain.Airspace, c.Domain));
    }

    private static AllocationProblem RandomInstance(int seed, bool redundancy)
    {
        var rng = new Random(seed);
        var hubs = Enumerable.Range(0, 3).Select(h => new AllocationHub($"h{h}", $"Hub-{h}", 29 + 3 * rng.NextDouble(), 48 + 2 * rng.NextDouble(), 10 + rng.Next(25))).ToArray();
        var types = new[]
        {
            new AllocationEquipment("air", "Air radar", 8, 120, 0, 1 + rng.Next(3)),
            new AllocationEquipment("both", "Dual radar", 12, 80, 100, 1 + rng.Next(3)),
        };
        var cells = Enumerable.Range(0, 12).Select(c => new DemandCell(
            $"c{c}", c % 3 == 0 ? CoverageDomain.Coastal : CoverageDomain.Airspace, 28.5 + 4 * rng.NextDouble(), 47.5 + 3 * rng.NextDouble(),
            Math.Round(1 + 9 * rng.NextDouble()), redundancy && c < 2 ? 2 : 0)).ToArray();
        return AllocationProblem.Create(types, hubs, cells);
    }

    private static (double Best, bool Feasible) Enumerate(AllocationProblem p)
    {
        int nh = p.Hubs.Count, nt = p.Types.Count;
        var n = new int[nh * nt];
        double best = double.NegativeInfinity;
        while (true)
        {
            bool ok = true;
            for (int h = 0; h < nh && ok; h++)
            {
                ok = Enumerable.Range(0, nt).Sum(t => n[h * nt + t] * p.Types[t].WeightT) <= p.Hubs[h].CapacityT + 1e-9;
            }

            for (int t = 0; t < nt && ok; t++)
            {
                ok = Enumerable.Range(0, nh).Sum(h => n[h * nt + t]) <= p.Types[t].Inventory;
            }

            if (ok)
            {
                double value = 0;
                for (int c = 0; c < p.Cells.Count && ok; c++)
                {
                    int count = 0;
                    for (int h = 0; h < nh; h++)
                    {
                        for (int t = 0; t < nt; t++)
                        {
                            count += p.Covers[h, t, c] ? n[h * nt + t] : 0;
                        }
                    }

                    ok = count >= p.Cells[c].RedundancyTarget;
                    value += count > 0 ? p.Cells[c].Weight : 0;
                }

                if (ok)
                {
                    best = Math.Max(best, value);
                }
            }

            // Next vector (odometer), each digit 0..inventory of its type.
            int k = 0;
            while (k < n.Length && ++n[k] > p.Types[k % nt].Inventory)
            {
                n[k++] = 0;
            }

            if (k == n.Length)
            {
                break;
            }
        }

        return (best, !double.IsNegativeInfinity(best));
    }
}
