using HubPlanner.Core.Allocation;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Planning;

/// <summary>Every <c>--param</c> key has a documented range; a value outside is refused naming the key and the range.
/// The demand grid refuses a size beyond its memory budget, with the number, before building anything.</summary>
public class ParameterRangeTests
{
    /// <summary>Two out-of-range values per key (one below, one above, or not a value of the key's type).</summary>
    public static TheoryData<string, string, string> OutOfRange => new()
    {
        { "hubs", "0", "hubs: 1 to 500" },
        { "hubs", "1000", "hubs: 1 to 500" },
        { "service_km", "0", "service_km: 1 to 3000 km" },
        { "service_km", "1e9", "service_km: 1 to 3000 km" },
        { "min_spacing_km", "-1", "min_spacing_km: 0 to 1000 km" },
        { "min_spacing_km", "5000", "min_spacing_km: 0 to 1000 km" },
        { "standoff_km", "-0.5", "standoff_km: 0 to 500" },
        { "standoff_km", "501", "standoff_km: 0 to 500" },
        { "budget", "-1", "budget: 0 to" },
        { "budget", "1e12", "budget: 0 to" },
        { "placement_time_limit_s", "0", "placement_time_limit_s: 0.01 to 86400 s" },
        { "placement_time_limit_s", "1e7", "placement_time_limit_s: 0.01 to 86400 s" },
        { "allocation_time_limit_s", "-3", "allocation_time_limit_s: 0.01 to 86400 s" },
        { "allocation_time_limit_s", "100000", "allocation_time_limit_s: 0.01 to 86400 s" },
        { "routing_time_limit_s", "0.001", "routing_time_limit_s: 0.01 to 86400 s" },
        { "routing_time_limit_s", "90000", "routing_time_limit_s: 0.01 to 86400 s" },
        { "whatif_time_limit_s", "0", "whatif_time_limit_s: 0.01 to 86400 s" },
        { "whatif_time_limit_s", "86401", "whatif_time_limit_s: 0.01 to 86400 s" },
        { "seed", "1.5", "expected an integer" },
        { "seed", "99999999999", "expected an integer" },
        { "cell_km", "0.0001", "cell_km: 1 to 500 km" },
        { "cell_km", "501", "cell_km: 1 to 500 km" },
        { "bands_m", "0", "bands_m: 1 to 50000" },
        { "bands_m", "1,2,3,4,5,6,7,8,9,10,11", "1 to 10" },
        { "min_gap_km2", "-1", "min_gap_km2: 0 to 1000000" },
        { "min_gap_km2", "2e6", "min_gap_km2: 0 to 1000000" },
        { "supply_days", "-1", "supply_days: 0 to 90 days" },
        { "supply_days", "365", "supply_days: 0 to 90 days" },
        { "supply_load_t", "0", "supply_load_t: 0.1 to 100 t" },
        { "supply_load_t", "1000", "supply_load_t: 0.1 to 100 t" },
        { "horizon_h", "0.5", "horizon_h: 1 to 720 h" },
        { "horizon_h", "10000", "horizon_h: 1 to 720 h" },
        { "crews", "0", "crews: 1 to 4" },
        { "crews", "9", "crews: 1 to 4" },
        { "urban_standoff_km", "-1", "urban_standoff_km: 0 to 100 km" },
        { "urban_standoff_km", "250", "urban_standoff_km: 0 to 100 km" },
        { "model", "kmeans", "expected one of" },
        { "model", "", "expected one of" },
        { "freeze", "maybe", "expected true or false" },
        { "freeze", "2", "expected true or false" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void With_RefusesAValueOutsideTheKeysRange_NamingKeyAndRange(string key, string value, string expected)
    {
        var ex = Assert.Throws<PlanningInputException>(() => new PlanParameters().With(key, value));

        string problem = Assert.Single(ex.Problems);
        Assert.Contains(key, problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKeyHasTwoOutOfRangeCases_AndEveryNumericKeyADocumentedRange()
    {
        var covered = OutOfRange.Select(row => (string)row[0]).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(PlanParameters.Keys, k => Assert.True(covered.GetValueOrDefault(k) >= 2, $"{k}: fewer than 2 cases"));
        Assert.All(PlanParameters.Keys.Except(["model", "freeze"]), k => Assert.Contains(PlanParameters.Ranges, r => r.Key == k));
        Assert.All(PlanParameters.Keys, k => Assert.Contains(k + ":", PlanParameters.RangesText, StringComparison.Ordinal));
    }

    [Fact]
    public void With_AcceptsTheBoundsOfEachRange()
    {
        foreach (var range in PlanParameters.Ranges.Where(r => r.Key is not ("seed" or "bands_m" or "hubs" or "crews")))
        {
            var p = new PlanParameters();
            p.With(range.Key, range.Min.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            p.With(range.Key, range.Max.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void CoverageGrid_RefusesAGridBeyondItsBudget_WithTheCountBeforeBuildingAnyCell()
    {
        // A 1° × 1° airspace zone at 49–50 N is ~72 × 111 km = ~8,000 km²: 1 km cells make ~8,000 lattice cells.
        var square = GeoFactory.Wgs84.CreatePolygon([new(30, 49), new(31, 49), new(31, 50), new(30, 50), new(30, 49)]);
        var zone = new Zone("air", "Air", ZoneKind.Airspace, square, 1);

        var ex = Assert.Throws<PlanningInputException>(() => CoverageGrid.Build([zone], new CoverageGridOptions(1, MaxCells: 1_000)));

        string problem = Assert.Single(ex.Problems);
        Assert.Contains("cell_km = 1 km would make", problem, StringComparison.Ordinal);
        Assert.Contains("the budget is 1,000 cells", problem, StringComparison.Ordinal);
        Assert.NotEmpty(CoverageGrid.Build([zone], new CoverageGridOptions(10, MaxCells: 1_000)));
    }

    [Fact]
    public void CoverageGrid_HonoursCancellation()
    {
        var square = GeoFactory.Wgs84.CreatePolygon([new(30, 49), new(31, 49), new(31, 50), new(30, 50), new(30, 49)]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            CoverageGrid.Build([new Zone("air", "Air", ZoneKind.Airspace, square, 1)], new CoverageGridOptions(10), cts.Token));
    }
}
