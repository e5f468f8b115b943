using HubPlanner.Core.Coverage;
using static HubPlanner.Core.Tests.Coverage.CoverageFixture;

namespace HubPlanner.Core.Tests.Coverage;

public class CoverageWhatIfTests
{
    /// <summary>Nine assets at five hubs with seeded positions and radii (8–250 km), three default bands, and points.</summary>
    private static CoverageProblem Fixture(IReadOnlyList<CoverageAsset>? extra = null, string? without = null)
    {
        var rng = new Random(42);
        var radii = new[] { 8.0, 40, 150, 250 };
        var assets = new List<CoverageAsset>();
        for (int i = 0; i < 9; i++)
        {
            int hub = i % 5;
            var at = At(72 * hub + 10, 60 + 40 * hub);
            assets.Add(new CoverageAsset($"a{i}", $"h{hub}", "t", at.Lon, at.Lat, radii[rng.Next(4)], i % 3 == 0 ? 60 : 0, 10 + rng.Next(20)));
        }

        if (extra is not null)
        {
            assets.AddRange(extra);
        }

        var points = Enumerable.Range(0, 12).Select(i => new WeightedPoint($"p{i}", At(30 * i, 25 * i).Lon, At(30 * i, 25 * i).Lat, i + 1)).ToArray();
        var coastZone = Square(60, offsetYKm: -240);
        return CoverageProblem.Create(assets.Where(a => a.HubId != without).ToArray(), Square(300), coastZone, points: points, minGapAreaKm2: 10);
    }

    private static readonly CoverageAsset[] NewHub =
    [
        new("n1", "new", "t", At(200, 120).Lon, At(200, 120).Lat, 150, 40, 20),
        new("n2", "new", "t", At(200, 120).Lon, At(200, 120).Lat, 40, 0, 20),
        new("n3", "h1", "t", At(330, 200).Lon, At(330, 200).Lat, 8, 0, 20),
    ];

    [Fact]
    public void RemovingAHub_FastPathGivesTheSameReportAsAFullRecompute()
    {
        var analysis = CoverageAnalyzer.Analyze(Fixture());
        var fast = analysis.WithoutHub("h2").Report;
        var full = CoverageAnalyzer.Run(Fixture(without: "h2"));
        AssertSameReport(full, fast, relative: 1e-9);
        Assert.DoesNotContain("h2", fast.HubIds);
    }

    [Fact]
    public void AddingAHub_FastPathGivesTheSameReportAsAFullRecompute()
    {
        var analysis = CoverageAnalyzer.Analyze(Fixture());
        var fast = analysis.WithAssets(NewHub).Report;
        var full = CoverageAnalyzer.Run(Fixture(extra: NewHub));
        AssertSameReport(full, fast, relative: 1e-7);
        Assert.Contains("new", fast.HubIds);
    }

    [Fact]
    public void RemovingThenAddingBack_RestoresTheOriginalReport()
    {
        var analysis = CoverageAnalyzer.Analyze(Fixture(extra: NewHub));
        var roundTrip = analysis.WithoutHub("new").WithAssets(NewHub.Where(a => a.HubId == "new").ToArray()).Report;
        AssertSameReport(analysis.Report, roundTrip, relative: 1e-7);
    }

    [Fact]
    public void WhatIf_LeavesTheOriginalAnalysisUnchanged()
    {
        var analysis = CoverageAnalyzer.Analyze(Fixture());
        double before = analysis.Report.Bands[2].Airspace.CoveredAreaKm2;
        _ = analysis.WithoutHub("h0");
        _ = analysis.WithAssets(NewHub);
        Assert.Equal(before, CoverageAnalyzer.Analyze(Fixture()).Report.Bands[2].Airspace.CoveredAreaKm2, 1e-9);
        Assert.Equal(before, analysis.Report.Bands[2].Airspace.CoveredAreaKm2);
        Assert.Equal(9, analysis.Problem.Assets.Count);
    }

    [Fact]
    public void WithoutHub_RejectsAnUnknownHub()
    {
        var ex = Assert.Throws<ArgumentException>(() => CoverageAnalyzer.Analyze(Fixture()).WithoutHub("nope"));
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithAssets_RejectsAnIdAlreadyInUse()
    {
        var dup = new CoverageAsset("a0", "x", "t", 31, 48, 10, 0, 10);
        var ex = Assert.Throws<ArgumentException>(() => CoverageAnalyzer.Analyze(Fixture()).WithAssets([dup]));
        Assert.Contains("'a0'", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertSameReport(CoverageReport expected, CoverageReport actual, double relative)
    {
        Assert.Equal(expected.HubIds, actual.HubIds);
        Assert.Equal(expected.AssetCount, actual.AssetCount);
        Assert.Equal(expected.Bands.Count, actual.Bands.Count);
        for (int b = 0; b < expected.Bands.Count; b++)
        {
            foreach (var (e, a) in new[] { (expected.Bands[b].Airspace, actual.Bands[b].Airspace), (expected.Bands[b].Coastal, actual.Bands[b].Coastal) })
            {
                double tol = relative * Math.Max(1, e.RegionAreaKm2);
                Assert.Equal(e.CoveredAreaKm2, a.CoveredAreaKm2, tol);
                Assert.Equal(e.AtLeastK.Count, a.AtLeastK.Count);
                for (int k = 0; k < e.AtLeastK.Count; k++)
                {
                    Assert.Equal(e.AtLeastK[k].AreaKm2, a.AtLeastK[k].AreaKm2, tol);
                }

                Assert.Equal(e.HubLosses.Select(l => l.HubId).Order(), a.HubLosses.Select(l => l.HubId).Order());
                var lossA = a.HubLosses.ToDictionary(l => l.HubId);
                foreach (var l in e.HubLosses)
                {
                    Assert.Equal(l.LostAreaKm2, lossA[l.HubId].LostAreaKm2, tol);
                    Assert.Equal(l.LostPointWeight, lossA[l.HubId].LostPointWeight, 1e-9);
                }

                Assert.Equal(e.Gaps.Count, a.Gaps.Count);
                for (int g = 0; g < e.Gaps.Count; g++)
                {
                    Assert.Equal(e.Gaps[g].AreaKm2, a.Gaps[g].AreaKm2, tol);
                    Assert.Equal(e.Gaps[g].NearestHubId, a.Gaps[g].NearestHubId);
                }

                Assert.Equal(e.Demand.PointWeightCovered, a.Demand.PointWeightCovered, 1e-9);
                Assert.Equal(e.Demand.UncoveredPointIds, a.Demand.UncoveredPointIds);
                Assert.Equal(e.Coastline?.CoveredKm ?? 0, a.Coastline?.CoveredKm ?? 0, 1e-6);
            }
        }
    }
}
